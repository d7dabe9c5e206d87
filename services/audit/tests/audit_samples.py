"""Test support for the audit service: a unit's people and departments, signed actors, a fake context service."""
from __future__ import annotations

from datetime import date

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context import DepartmentView, PersonView
from nameko.rpc import rpc
from sqlalchemy import create_engine, select

from eiso_kit.db.tables import plumbing_tables
from eiso_kit.testing.actors import signed
from eiso_audit import models

UNIT = "SONGANH"
BGD, VP, KH, TTS = "d-bgd", "d-vp", "d-kh", "d-tts"
DEPARTMENTS = {BGD: "Ban Giám đốc", VP: "Văn phòng sở", KH: "Phòng quản lý Khoa học", TTS: "Thanh tra Sở"}
YEAR = date.today().year


def _person(id, name, roles, department_id, unit=UNIT, active=True):
    return PersonView(id=id, username=id, full_name=name, unit_code=unit, unit_name="Sở Khoa học và Công nghệ",
                      department_id=department_id, department_name=DEPARTMENTS.get(department_id), roles=roles,
                      active=active)


PEOPLE: dict[str, PersonView] = {p.id: p for p in (
    _person("sec", "Trần Thị Bình", ["secretary"], VP),
    _person("lead", "Nguyễn Văn An", ["leader"], BGD),
    _person("head", "Lê Văn Cường", ["dept_head"], KH),
    _person("staff", "Phạm Thị Dung", ["staff"], KH),
    _person("aud", "Hoàng Văn Em", ["auditor", "staff"], TTS),
    _person("aud2", "Đỗ Thị Giang", ["auditor"], VP),
    _person("gone", "Vũ Văn Hải", ["auditor"], TTS, active=False),
    _person("other", "Ngô Văn Khác", ["auditor", "secretary", "leader"], "d-other", unit="KHAC"),
)}


def actor(person_id: str) -> dict:
    """The person as the gateway sends them: a signed ``Actor``."""
    person = PEOPLE[person_id]
    return signed(Actor(id=person.id, unit_code=person.unit_code, roles=person.roles,
                        department_id=person.department_id, full_name=person.full_name))


class FakeContext:
    """Stands in for the context service: departments, people and the unit of the tests."""

    name = "context"

    @rpc
    def list_departments(self, unit_code):
        if unit_code != UNIT:
            return []
        return [DepartmentView(id=i, unit_code=UNIT, code=i, name=n).model_dump(mode="json")
                for i, n in DEPARTMENTS.items()]

    @rpc
    def get_people(self, person_ids):
        return [PEOPLE[i].model_dump(mode="json") for i in person_ids if i in PEOPLE]

    @rpc
    def get_unit(self, code):
        if code != UNIT:
            raise NotFound("Không tìm thấy đơn vị.")
        return {"code": UNIT, "name": "Sở Khoa học và Công nghệ tỉnh Quảng Bình"}


class Running:
    def __init__(self, config, audit):
        self.config, self.audit = config, audit

    def outbox_types(self) -> list[str]:
        engine = create_engine(self.config["DB_URIS"]["audit"])
        try:
            table = plumbing_tables(models.metadata).outbox
            with engine.connect() as connection:
                return [row.type.removeprefix("vn.eiso.")
                        for row in connection.execute(select(table.c.type).order_by(table.c.seq))]
        finally:
            engine.dispose()
