"""Shared test pieces of the quality service: sample input, workflow event builders, a fake workflow."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from datetime import date, datetime, timedelta, timezone

import pytest
from eiso_contracts.content import PolicyContent
from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRef, DossierRequest, StepAssignment, StepRef
from eiso_contracts.envelope import CONTENT_TYPE, CloudEvent, make_event
from eiso_contracts.errors import NotFound
from eiso_contracts.events.workflow import (DossierApproved, DossierCompleted, DossierOpened, DossierRejected,
                                            DossierReturned, DossierSaved)
from nameko.rpc import rpc
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import create_engine, select

from eiso_kit.config import nameko_config
from eiso_kit.db.audit import verify
from eiso_kit.db.tables import plumbing_tables
from eiso_quality import models
from eiso_quality.service import QualityService
from eiso_kit.testing.actors import signed
from eiso_kit.testing.waiting import wait_until

UNIT = "SONGANH"
SECRETARY = "u-thuky"
LEADER = "u-lanhdao"
OFFICE = "d-vanphong"
BOARD = "d-bangiamdoc"
T0 = datetime(2026, 1, 5, 2, 0, tzinfo=timezone.utc)

STEPS = {
    "draft": StepRef(number=1, key="draft", name="Lập chính sách chất lượng"),
    "approval": StepRef(number=2, key="approval", name="Lãnh đạo duyệt"),
    "issue": StepRef(number=3, key="issue", name="Ban hành"),
}


def policy_content(year: int = 2026, motto: str = "Chất lượng - Hiệu quả - Minh bạch",
                   statements: tuple[str, ...] = ("Phục vụ người dân và doanh nghiệp tận tâm.",)) -> PolicyContent:
    return PolicyContent(year=year, motto=motto, statements=list(statements))


def reader(unit: str = UNIT) -> dict:
    """A person of ``unit`` reading policies, signed as the gateway signs (the service refuses otherwise)."""
    return signed({"id": "u-reader", "unit_code": unit, "roles": ["staff"]})


def submit_payload(actor_roles=("secretary",), unit=UNIT, request_id=None, handler=LEADER, year=2026, **extra) -> dict:
    payload = {
        "actor": signed({"id": SECRETARY, "unit_code": unit, "roles": list(actor_roles), "full_name": "Thư ký ISO"}),
        "content": policy_content(year).model_dump(mode="json"),
        "route": {"department_id": BOARD, "handler_id": handler, "deadline": "2026-01-12"},
        "comment": "Kính trình Lãnh đạo duyệt.",
        "attachments": ["f-1"],
    }
    if request_id is not None:
        payload["request_id"] = request_id
    payload.update(extra)
    if "actor" in extra:  # a test that changed the actor: the gateway signs what it sends
        payload["actor"] = signed(payload["actor"])
    return payload


@dataclass
class Dossier:
    """Builds what the workflow publishes about one policy's dossier; versions are given explicitly."""

    policy_id: str
    code: str = "1-2026-1-SONGANH"
    unit_code: str = UNIT
    service: str = "quality"
    kind: str = "policy"

    def ref(self, version: int) -> DossierRef:
        return DossierRef(id=f"dossier-{self.code}", code=self.code, type_code="1", unit_code=self.unit_code,
                          artefact=ArtefactRef(service=self.service, kind=self.kind, id=self.policy_id,
                                               title="Chính sách chất lượng năm 2026"),
                          version=version)

    def assignment(self, step: str, handler: str) -> StepAssignment:
        return StepAssignment(step=STEPS[step], department_id=BOARD if step == "approval" else OFFICE,
                              handler_id=handler, deadline=date(2026, 1, 12))

    def opened(self, v: int = 1) -> DossierOpened:
        return DossierOpened(dossier=self.ref(v), title="Chính sách chất lượng năm 2026", opened_by=SECRETARY,
                             current=self.assignment("approval", LEADER))

    def saved(self, v: int, step: str = "approval", content: PolicyContent | None = None,
              actor: str = LEADER) -> DossierSaved:
        return DossierSaved(dossier=self.ref(v), step=STEPS[step], actor_id=actor,
                            content=content.model_dump(mode="json") if content else None)

    def approved(self, v: int, step: str, content: PolicyContent | None = None, actor: str | None = None,
                 comment: str = "") -> DossierApproved:
        actor = actor or (LEADER if step == "approval" else SECRETARY)
        following = {"draft": ("approval", LEADER), "approval": ("issue", SECRETARY)}.get(step)
        return DossierApproved(dossier=self.ref(v), step=STEPS[step], actor_id=actor, comment=comment,
                               content=content.model_dump(mode="json") if content else None,
                               next=self.assignment(*following) if following else None)

    def returned(self, v: int, comment: str = "Bổ sung căn cứ pháp lý.") -> DossierReturned:
        return DossierReturned(dossier=self.ref(v), step=STEPS["approval"], actor_id=LEADER, comment=comment,
                               returned_to=self.assignment("draft", SECRETARY))

    def rejected(self, v: int, content: PolicyContent | None = None,
                 comment: str = "Không phù hợp định hướng.") -> DossierRejected:
        return DossierRejected(dossier=self.ref(v), step=STEPS["approval"], actor_id=LEADER, comment=comment,
                               content=content.model_dump(mode="json") if content else None)

    def completed(self, v: int, content: PolicyContent | None = None) -> DossierCompleted:
        return DossierCompleted(dossier=self.ref(v), step=STEPS["issue"], actor_id=SECRETARY,
                                content=content.model_dump(mode="json") if content else None)


def envelope(data, time: datetime | None = None, prefix: str = "vn.eiso") -> CloudEvent:
    """The event as the workflow's relay would publish it."""
    return make_event(data, source="urn:eiso:local:workflow", prefix=prefix, subject=f"dossier/{data.dossier.code}",
                      time=time)


def publish(amqp_uri: str, *events: CloudEvent, transport_options: dict | None = None) -> None:
    """Publish CloudEvents to ``eiso.events`` as a relay does (routing key = type)."""
    from kombu import Connection

    from eiso_kit.events.topology import events_exchange

    with Connection(amqp_uri, transport_options=transport_options or {}) as connection:
        producer = connection.Producer(exchange=events_exchange())
        for event in events:
            producer.publish(event.to_json(), routing_key=event.type, content_type=CONTENT_TYPE,
                             content_encoding="utf-8", delivery_mode=2, message_id=event.id)


class FakeWorkflow:
    """Stands in for the workflow service: ``validate_request`` (refusing the handler "nobody") and
    ``get_definition`` answering from the workflow's real YAML definitions."""

    name = "workflow"
    seen: list = []

    @rpc
    def get_definition(self, type_code):
        import yaml

        folder = Path(__file__).resolve().parents[2] / "workflow" / "eiso_workflow" / "definitions"
        for path in folder.glob("*.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if str(data["code"]) == str(type_code):
                return data
        raise NotFound(f"Không có loại hồ sơ mã {type_code!r}.")

    @rpc
    def validate_request(self, request):
        checked = DossierRequest.model_validate(request)
        if checked.next.handler_id == "nobody":
            raise NotFound("Không tìm thấy người xử lý đã chọn.")
        FakeWorkflow.seen.append(request)


@pytest.fixture
def fake_workflow():
    FakeWorkflow.seen = []
    return FakeWorkflow


@pytest.fixture
def dossier_of():
    """``dossier_of(policy_id, **options)`` -> a Dossier event builder."""
    return Dossier


@pytest.fixture
def samples():
    """Constants and helpers every tier uses."""

    class Samples:
        unit, secretary, leader, board, office, t0 = UNIT, SECRETARY, LEADER, BOARD, OFFICE, T0
        content = staticmethod(policy_content)
        submit_payload = staticmethod(submit_payload)
        reader = staticmethod(reader)
        envelope = staticmethod(envelope)
        publish = staticmethod(publish)
        assignment = Assignment

        @staticmethod
        def at(minutes: int) -> datetime:
            return T0 + timedelta(minutes=minutes)

    return Samples


class QualityCalls:
    """``rpc.quality`` as the gateway calls it: reads get a signed reader of the unit given; a key given
    beside a submission travels inside it (the gateway's client does the same)."""

    def __init__(self, quality):
        self._quality = quality

    def __getattr__(self, name):
        return getattr(self._quality, name)

    def submit_policy(self, payload, request_id=None):
        from eiso_kit.idempotency import with_key
        return self._quality.submit_policy(with_key(payload, request_id))

    def get_policy(self, policy_id, unit=UNIT):
        return self._quality.get_policy(policy_id, reader(unit))

    def list_policies(self, unit=UNIT):
        return self._quality.list_policies(reader(unit))

    def get_policy_in_force(self, unit=UNIT):
        return self._quality.get_policy_in_force(reader(unit))


class Calls:
    def __init__(self, proxy):
        self._proxy = proxy
        self.quality = QualityCalls(proxy.quality)

    def __getattr__(self, name):
        return getattr(self._proxy, name)


class Running:
    """The started system: an RPC proxy, the bus and a look into the quality database."""

    def __init__(self, config: dict, proxy, publish):
        self.config = config
        self.rpc = Calls(proxy)
        self.publish = publish  # publish(*cloud_events) onto eiso.events, as the workflow's relay would
        self.db_url = config["DB_URIS"]["quality"]
        self.wait_until = wait_until

    def _rows(self, query):
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return connection.execute(query).all()
        finally:
            engine.dispose()

    def outbox(self) -> list[tuple[str, str]]:
        """(type, body) of every event the service emitted, in order."""
        table = plumbing_tables(models.metadata).outbox
        return [(row.type, row.body) for row in self._rows(select(table.c.type, table.c.body).order_by(table.c.seq))]

    def outbox_types(self) -> list[str]:
        return [type_ for type_, _ in self.outbox()]

    def audit(self) -> list[tuple[str, str]]:
        table = plumbing_tables(models.metadata).audit
        return [(row.aggregate_id, row.action)
                for row in self._rows(select(table.c.aggregate_id, table.c.action).order_by(table.c.seq))]

    def inbox_ids(self) -> set[str]:
        table = plumbing_tables(models.metadata).inbox
        return {row.event_id for row in self._rows(select(table.c.event_id))}

    def audit_problems(self) -> list[str]:
        """What ``verify`` finds wrong with the hash-chained trail (empty: intact)."""
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return verify(connection, plumbing_tables(models.metadata).audit)
        finally:
            engine.dispose()


@pytest.fixture
def make_system(fake_workflow):
    """``make_system(settings, start, max_workers=None)`` -> ``Running``.

    ``start(config, services)`` runs QualityService and the fake workflow (each tier its own way);
    an RPC proxy to them is kept open until the test ends.
    """
    proxies = []

    def make(settings, start, max_workers: int | None = None) -> Running:
        config = nameko_config(settings)
        if max_workers is not None:
            config["max_workers"] = max_workers
        start(config, (fake_workflow, QualityService))
        proxy = ClusterRpcProxy(config, timeout=20)
        proxies.append(proxy)
        return Running(config, proxy.start(), lambda *events: publish(
            config["AMQP_URI"], *events, transport_options=config["TRANSPORT_OPTIONS"]))

    yield make
    for proxy in proxies:
        proxy.stop()
