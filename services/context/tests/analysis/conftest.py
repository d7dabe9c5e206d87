"""The context service with a stand-in workflow over the in-memory bus, called as the gateway does (signed actors)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.envelope import CONTENT_TYPE, make_event
from eiso_contracts.errors import NotFound
from nameko.rpc import rpc
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_context.service import ContextService
from eiso_kit.testing.actors import signed

sys.path.insert(0, str(Path(__file__).parent))


class FakeWorkflow:
    """Stands in for the workflow: ``validate_request`` refuses the handler "nobody" and records the rest."""

    name = "workflow"
    seen: list = []

    @rpc
    def validate_request(self, request):
        checked = DossierRequest.model_validate(request)
        if checked.next.handler_id == "nobody":
            raise NotFound("Không tìm thấy người xử lý đã chọn.")
        FakeWorkflow.seen.append(request)
        return {"ok": True}


class Context:
    """The started service: ``rpc`` (a proxy), ``as_(username)`` (a signed actor), ``publish(*facts)``."""

    def __init__(self, config, rpc_proxy, demo):
        self.config, self.rpc, self.demo = config, rpc_proxy, demo
        self.workflow_seen = FakeWorkflow.seen     # the requests the workflow was asked to check

    def person(self, username: str) -> dict:
        return self.rpc.context.get_person(self.demo.person_id(username))

    def as_(self, username: str, **changes) -> dict:
        person = self.person(username)
        actor = {"id": person["id"], "unit_code": person["unit_code"], "roles": person["roles"],
                 "department_id": person["department_id"], "full_name": person["full_name"], **changes}
        return signed(actor)

    def route(self, handler: str | None = None) -> dict:
        leader = self.person("lanhdao")
        return {"department_id": leader["department_id"], "handler_id": handler or leader["id"],
                "deadline": "2099-01-12"}

    def publish(self, *facts) -> None:
        """Workflow facts onto ``eiso.events``, as the workflow's relay would publish them."""
        from kombu import Connection

        from eiso_kit.events.topology import events_exchange

        with Connection(self.config["AMQP_URI"], transport_options=self.config["TRANSPORT_OPTIONS"]) as connection:
            producer = connection.Producer(exchange=events_exchange())
            for data in facts:
                event = make_event(data, source="urn:eiso:local:workflow", prefix="vn.eiso",
                                   subject=f"dossier/{data.dossier.code}")
                producer.publish(event.to_json(), routing_key=event.type, content_type=CONTENT_TYPE,
                                 content_encoding="utf-8", delivery_mode=2, message_id=event.id)


@pytest.fixture
def running(container_factory, context_config, cheap_hashing, demo):
    FakeWorkflow.seen = []
    for service in (FakeWorkflow, ContextService):
        container_factory(service, context_config).start()
    with ClusterRpcProxy(context_config, timeout=20) as proxy:
        yield Context(context_config, proxy, demo)
