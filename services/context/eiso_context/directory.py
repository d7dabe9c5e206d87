"""Questions other services and the gateway ask about the organisation (reads only)."""
from __future__ import annotations

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.context import DepartmentView, PeopleQuery, PersonView, UnitView
from eiso_kit.db import DatabaseAccess

from . import repository
from .domain import departments
from .messages import UNKNOWN_PERSON, UNKNOWN_UNIT


def get_person(db: DatabaseAccess, person_id: str) -> PersonView:
    with db.read() as session:
        found = repository.person(session, person_id)
    if found is None:
        raise NotFound(UNKNOWN_PERSON)
    return found


def get_people(db: DatabaseAccess, person_ids: list[str]) -> list[PersonView]:
    with db.read() as session:
        return repository.people_by_ids(session, person_ids)


def list_people(db: DatabaseAccess, query: PeopleQuery) -> list[PersonView]:
    with db.read() as session:
        _require_unit(session, query.unit_code)
        return repository.active_people(session, query.unit_code, role=query.role,
                                        department_id=query.department_id)


def get_unit(db: DatabaseAccess, code: str) -> UnitView:
    with db.read() as session:
        return _require_unit(session, code)


def list_units(db: DatabaseAccess) -> list[UnitView]:
    with db.read() as session:
        return repository.all_units(session)


def list_departments(db: DatabaseAccess, unit_code: str) -> list[DepartmentView]:
    with db.read() as session:
        _require_unit(session, unit_code)
        return repository.departments_of(session, unit_code)


def get_department(db: DatabaseAccess, department_id: str) -> DepartmentView:
    with db.read() as session:
        found = repository.department(session, department_id)
    if found is None:
        raise NotFound(departments.NOT_FOUND)
    return found


def _require_unit(session, code: str) -> UnitView:
    found = repository.unit(session, code)
    if found is None:
        raise NotFound(UNKNOWN_UNIT)
    return found
