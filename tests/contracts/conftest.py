"""One set of cases, two backends (``contract_backends``): the gateway's fakes and the real services."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from contract_backends import Backend, ContextStandIn, DocumentsStandIn, Publisher, actor_of  # noqa: E402
from eiso_contracts.dossier import DossierRequest  # noqa: E402
from eiso_kit.testing.waiting import wait_until  # noqa: E402


@pytest.fixture
def fake_backend():
    from fakes import FakeServices

    fake = FakeServices()
    return Backend("fake", fake, lambda request: fake.workflow.open(request))


@pytest.fixture
def real_backend(memory_bus, make_settings, run_services, tmp_path):
    from eiso_gateway.clients import WorkflowClient
    from eiso_gateway.rpc import NamekoRpc
    from eiso_kit.config import nameko_config
    from eiso_workflow.service import WorkflowService

    settings = make_settings()
    config = nameko_config(settings)
    config["DB_URIS"].update({"workflow": f"sqlite:///{tmp_path}/workflow.sqlite3",
                              "publisher": f"sqlite:///{tmp_path}/publisher.sqlite3"})
    run_services(config, WorkflowService, ContextStandIn, DocumentsStandIn, Publisher)
    port = NamekoRpc(config, size=2, timeout=10)
    workflow = WorkflowClient(port)

    def open_dossier(request: DossierRequest) -> str:
        content = {"year": 2026, "motto": "Chất lượng là trên hết", "statements": ["Minh bạch"]}
        port.call("publisher", "submit", request.model_dump(mode="json"), content)
        opener = actor_of(request.opened_by)
        found = wait_until(lambda: workflow.get_dossier_for_artefact(
            request.artefact.service, request.artefact.kind, request.artefact.id, opener))
        return found.code

    yield Backend("real", port, open_dossier)
    port.close()


@pytest.fixture(params=["fake", "real"])
def backend(request):
    return request.getfixturevalue(f"{request.param}_backend")
