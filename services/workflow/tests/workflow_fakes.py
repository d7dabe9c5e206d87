"""Test support for the workflow service: people, a fake context service, request builders.

The context service (people, units, departments) is outside the service under
test, so tests serve a fixed set of people through a tiny nameko service of
the same name.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRequest
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor

from eiso_kit.actors import sign
from eiso_kit.testing.actors import TEST_ACTOR_KEY
from eiso_contracts.rpc.context import PersonView
from nameko.rpc import rpc
from sqlalchemy import MetaData

from eiso_kit.db import Database
from eiso_kit.testing.waiting import wait_until  # noqa: F401  (re-exported for the tests)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TEST_DEFINITIONS = Path(__file__).parent / "definitions"
UNIT = "SONGANH"

BGD, VP, KH = "dept-bgd", "dept-vp", "dept-kh"  # Ban Giám đốc, Văn phòng sở, Phòng quản lý Khoa học


def _person(id, name, roles, department_id, unit="SONGANH", active=True):
    return PersonView(id=id, username=id, full_name=name, unit_code=unit, unit_name=f"Sở {unit}",
                      department_id=department_id, department_name=department_id, roles=roles, active=active)


PEOPLE: dict[str, PersonView] = {p.id: p for p in (
    _person("sec", "Nguyễn Thư Ký", ["secretary"], VP),
    _person("sec2", "Trần Thư Ký Hai", ["secretary"], VP),
    _person("lead", "Lê Lãnh Đạo", ["leader"], BGD),
    _person("lead2", "Phạm Phó Giám Đốc", ["leader"], BGD),
    _person("staff", "Hoàng Chuyên Viên", ["staff"], KH),
    _person("head", "Đỗ Trưởng Phòng", ["dept_head"], KH),
    _person("gone", "Vũ Đã Nghỉ", ["leader"], BGD, active=False),
    _person("other-lead", "Ngô Đơn Vị Khác", ["leader"], "dept-other", unit="KHAC"),
    _person("other-sec", "Đinh Thư Ký Khác", ["secretary"], "dept-other", unit="KHAC"),
)}


def actor(person_id: str) -> Actor:
    """The person as the gateway sends them: signed with the test key (services refuse unsigned actors)."""
    person = PEOPLE[person_id]
    return sign(Actor(id=person.id, unit_code=person.unit_code, roles=person.roles,
                      department_id=person.department_id, full_name=person.full_name), TEST_ACTOR_KEY)


def people(*ids: str) -> dict[str, PersonView | None]:
    return {i: PEOPLE.get(i) for i in ids}


def policy_request(*, artefact_id="policy-1", opened_by="sec", handler="lead", department=BGD,
                   deadline=date(2026, 10, 2), unit=UNIT, type_code="1", comment="Kính trình lãnh đạo",
                   title="Chính sách chất lượng năm 2026", service="quality", kind="policy") -> DossierRequest:
    return DossierRequest(
        type_code=type_code, unit_code=unit,
        artefact=ArtefactRef(service=service, kind=kind, id=artefact_id, title=title),
        opened_by=opened_by, comment=comment, attachments=["file-1"],
        next=Assignment(department_id=department, handler_id=handler, deadline=deadline),
    )


def policy_content(motto="Chất lượng là trên hết", year=2026) -> dict:
    return {"year": year, "motto": motto, "statements": ["Thực hiện tốt vai trò quản lý nhà nước về KHCN",
                                                           "Không ngừng nâng cao chất lượng dịch vụ công"]}


def at_local(year, month, day, hour=9, minute=0) -> datetime:
    """An aware UTC instant for a wall-clock time in Vietnam."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(timezone.utc)


class FakeContext:
    """Stands in for the context service: ``get_person`` / ``get_people`` over a fixed list of people."""

    name = "context"

    @rpc
    def get_person(self, person_id):
        person = PEOPLE.get(person_id)
        if person is None:
            raise NotFound(f"Không tìm thấy người dùng {person_id}.")
        return person.model_dump(mode="json")

    @rpc
    def get_people(self, person_ids):
        """Like the real one: unknown ids are left out."""
        return [PEOPLE[i].model_dump(mode="json") for i in person_ids if i in PEOPLE]


# Files the fake documents service knows: id -> unit.
# Stored files: id -> (unit, who uploaded it).
FILES = {"file-1": ("SONGANH", "sec"), "f2": ("SONGANH", "lead"), "f3": ("SONGANH", "lead"),
         "f9": ("SONGANH", "lead"), "f-sec": ("SONGANH", "sec"), "other-unit-file": ("KHAC", "sec")}


class FakeDocuments:
    """Stands in for the documents service: ``get_files`` over a fixed set of stored files."""

    name = "documents"

    @rpc
    def get_files(self, file_ids):
        return [{"id": i, "unit_code": FILES[i][0], "uploaded_by": FILES[i][1], "name": f"{i}.pdf"}
                for i in file_ids if i in FILES]


# -- domain-level builders ------------------------------------------------------
def command(person_id: str, action: str, version: int, *, code="1-2026-7-SONGANH", next=None, **fields):
    from eiso_contracts.rpc.workflow import ActCommand

    return ActCommand(code=code, actor=actor(person_id), expected_version=version, action=action, next=next,
                      **fields)


def assign(handler: str, department: str, deadline: date) -> Assignment:
    return Assignment(department_id=department, handler_id=handler, deadline=deadline)


# -- running the service in tests ------------------------------------------------
class Publisher:
    """Plays the owning service (quality): emits PolicySubmitted through its outbox, as the real one would."""

    name = "publisher"
    db = Database(MetaData())

    @rpc
    def submit(self, request: dict, content: dict | None = None) -> str:
        from eiso_contracts.content import PolicyContent
        from eiso_contracts.events.quality import PolicySubmitted

        request = DossierRequest.model_validate(request)
        with self.db.transaction() as tx:
            event = tx.emit(PolicySubmitted(
                policy_id=request.artefact.id, unit_code=request.unit_code,
                content=PolicyContent.model_validate(content or policy_content()), submitted_by=request.opened_by,
                dossier_request=request), subject=f"policy/{request.artefact.id}")
        return event.id


def service_config(settings, db_urls: dict) -> dict:
    from eiso_kit.config import nameko_config

    config = nameko_config(settings)
    config["DB_URIS"].update(db_urls)
    return config


class Tables:
    """Read the workflow database directly, as an auditor would (outbox, audit chain, counters)."""

    def __init__(self, db_url: str):
        from eiso_kit.db.engine import make_engine

        self.engine = make_engine(db_url)

    def close(self):
        self.engine.dispose()

    def outbox(self) -> list[dict]:
        import json

        from sqlalchemy import select

        from eiso_workflow.models import plumbing

        with self.engine.connect() as conn:
            rows = conn.execute(select(plumbing.outbox.c.type, plumbing.outbox.c.subject, plumbing.outbox.c.body)
                                .order_by(plumbing.outbox.c.seq)).all()
        return [{"type": r.type.split(".", 2)[2], "subject": r.subject, "data": json.loads(r.body)["data"]}
                for r in rows]

    def outbox_types(self, code: str | None = None) -> list[str]:
        return [e["type"] for e in self.outbox() if code is None or e["subject"] == f"dossier/{code}"]

    def audit(self) -> list[tuple[str, str]]:
        from sqlalchemy import select

        from eiso_kit.db.audit import verify
        from eiso_workflow.models import plumbing

        with self.engine.connect() as conn:
            assert verify(conn, plumbing.audit) == []
            return [tuple(r) for r in conn.execute(select(plumbing.audit.c.action, plumbing.audit.c.actor_id)
                                                   .order_by(plumbing.audit.c.seq)).all()]

    def scalar(self, statement):
        with self.engine.connect() as conn:
            return conn.execute(statement).scalar()

    def rows(self, statement):
        with self.engine.connect() as conn:
            return conn.execute(statement).all()
