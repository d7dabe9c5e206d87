"""The workflow service in a nameko runner over the in-memory bus and SQLite, with a fake context service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from nameko.standalone.rpc import ClusterRpcProxy
from workflow_fakes import (
    TEST_DEFINITIONS, FakeContext, FakeDocuments, Publisher, Tables, actor, policy_request, service_config, wait_until,
)

from eiso_kit.clock import local_today
from eiso_workflow.catalogue import DEFINITIONS
from eiso_workflow.dependencies import Definitions
from eiso_workflow.service import WorkflowService


@dataclass
class Harness:
    proxy: object
    tables: Tables
    runner: object
    config: dict
    today: date

    @property
    def workflow(self):
        return self.proxy.workflow

    def open(self, **request_kwargs) -> dict:
        """Submit like the quality service does and wait for the workflow to open the dossier."""
        request_kwargs.setdefault("deadline", self.today + timedelta(days=3))
        request = policy_request(**request_kwargs)
        self.proxy.publisher.submit(request.model_dump(mode="json"))
        def opened():
            found = self.workflow.get_dossier_for_artefact(
                request.artefact.service, request.artefact.kind, request.artefact.id,
                actor(request.opened_by).model_dump(mode="json"))
            return found if found and found["status"] == "open" else None

        return wait_until(opened)

    def view(self, code: str, person: str) -> dict:
        return self.workflow.get_dossier(code, actor(person).model_dump(mode="json"))

    def act(self, person: str, action: str, code: str, version: int | None = None, next=None, **fields) -> dict:
        if version is None:
            version = self.view(code, person)["version"]
        payload = {"code": code, "actor": actor(person).model_dump(mode="json"), "expected_version": version,
                   "action": action, **fields}
        if next is not None:
            payload["next"] = next.model_dump(mode="json")
        return self.workflow.act(payload)


class WorkflowWithTestTypes(WorkflowService):
    """The service with the synthetic test types (5-step management review, department task) as well."""

    definitions = Definitions(DEFINITIONS, TEST_DEFINITIONS)


def _harness(service_cls, make_settings, runner_factory, tmp_path):
    settings = make_settings()
    db_url = f"sqlite:///{tmp_path}/workflow.sqlite3"
    config = service_config(settings, {"workflow": db_url, "publisher": f"sqlite:///{tmp_path}/publisher.sqlite3"})
    runner = runner_factory(config, service_cls, FakeContext, FakeDocuments, Publisher)
    runner.start()
    tables = Tables(db_url)
    with ClusterRpcProxy(config) as proxy:
        yield Harness(proxy=proxy, tables=tables, runner=runner, config=config,
                      today=local_today(settings.timezone))
    tables.close()


@pytest.fixture
def workflow(memory_bus, make_settings, runner_factory, tmp_path):
    yield from _harness(WorkflowService, make_settings, runner_factory, tmp_path)


@pytest.fixture
def workflow_test_types(memory_bus, make_settings, runner_factory, tmp_path):
    yield from _harness(WorkflowWithTestTypes, make_settings, runner_factory, tmp_path)
