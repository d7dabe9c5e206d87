"""Questions other services and the gateway ask about the organisation (reads only)."""
from __future__ import annotations

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context import DepartmentView, PeopleQuery, PersonView, UnitView
from eiso_kit.db import DatabaseAccess

from . import repository
from .domain import authority, departments
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
    """Active people; with ``include_inactive`` all of them, for an admin of the unit only."""
    with db.read() as session:
        _require_unit(session, query.unit_code)
        if query.include_inactive:
            authority.require_admin(query.actor, _standing(session, query.actor), query.unit_code)
        return repository.people_of(session, query.unit_code, role=query.role, department_id=query.department_id,
                                    include_inactive=query.include_inactive)


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


def _standing(session, actor: Actor | None) -> authority.Standing | None:
    return repository.standing(session, actor.id) if actor is not None else None


def _require_unit(session, code: str) -> UnitView:
    found = repository.unit(session, code)
    if found is None:
        raise NotFound(UNKNOWN_UNIT)
    return found
