"""Reading and writing the organisation's tables through a session (SQLAlchemy Core)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from eiso_contracts.rpc.context import DepartmentView, PersonView, UnitView
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from .domain.authority import Standing
from .domain.ordering import directory_key, sort_key
from .domain.roles import ordered
from .models import departments, people, person_roles, sessions, units


@dataclass(frozen=True)
class Login:
    """What checking a password needs: never leaves the service."""

    person_id: str
    username: str
    password_hash: str
    active: bool
    credentials_version: int


# -- units and departments --------------------------------------------------

def unit(session: Session, code: str) -> UnitView | None:
    row = session.execute(select(units.c.code, units.c.name).where(units.c.code == code)).first()
    return UnitView(code=row.code, name=row.name) if row else None


def all_units(session: Session) -> list[UnitView]:
    rows = session.execute(select(units.c.code, units.c.name)).all()
    return sorted((UnitView(code=r.code, name=r.name) for r in rows), key=lambda u: sort_key(u.name))


def _department_view(row) -> DepartmentView:
    return DepartmentView(id=row.id, unit_code=row.unit_code, code=row.code, name=row.name,
                          sort_order=row.sort_order)


_DEPARTMENT_COLUMNS = (departments.c.id, departments.c.unit_code, departments.c.code, departments.c.name,
                       departments.c.sort_order)


def department(session: Session, department_id: str) -> DepartmentView | None:
    row = session.execute(select(*_DEPARTMENT_COLUMNS).where(departments.c.id == department_id)).first()
    return _department_view(row) if row else None


def departments_of(session: Session, unit_code: str) -> list[DepartmentView]:
    rows = session.execute(select(*_DEPARTMENT_COLUMNS).where(departments.c.unit_code == unit_code)).all()
    return sorted((_department_view(r) for r in rows), key=lambda d: (d.sort_order, sort_key(d.name)))


def department_code_taken(session: Session, unit_code: str, code: str) -> bool:
    return session.execute(select(departments.c.id).where(
        departments.c.unit_code == unit_code, departments.c.code == code)).first() is not None


def sort_orders(session: Session, unit_code: str) -> list[int]:
    return list(session.execute(select(departments.c.sort_order)
                                .where(departments.c.unit_code == unit_code)).scalars())


def add_unit(session: Session, code: str, name: str, now: datetime) -> None:
    session.execute(insert(units).values(code=code, name=name, created_at=now))


def add_department(session: Session, view: DepartmentView, now: datetime) -> None:
    session.execute(insert(departments).values(**view.model_dump(), created_at=now))


# -- people -----------------------------------------------------------------

_PERSON_COLUMNS = (
    people.c.id, people.c.username, people.c.full_name, people.c.title, people.c.unit_code,
    units.c.name.label("unit_name"), people.c.department_id, departments.c.name.label("department_name"),
    departments.c.sort_order.label("department_order"), people.c.active, people.c.credentials_version,
)
_PERSON_FROM = people.join(units, units.c.code == people.c.unit_code).outerjoin(
    departments, departments.c.id == people.c.department_id)


def _roles_of(session: Session, person_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {pid: [] for pid in person_ids}
    for chunk_start in range(0, len(person_ids), 500):
        chunk = person_ids[chunk_start:chunk_start + 500]
        for row in session.execute(select(person_roles.c.person_id, person_roles.c.role)
                                   .where(person_roles.c.person_id.in_(chunk))):
            found[row.person_id].append(row.role)
    return {pid: ordered(roles) for pid, roles in found.items()}


def _people(session: Session, *conditions) -> list[tuple[PersonView, int | None]]:
    rows = session.execute(select(*_PERSON_COLUMNS).select_from(_PERSON_FROM).where(*conditions)).all()
    roles = _roles_of(session, [r.id for r in rows])
    return [(PersonView(id=r.id, username=r.username, full_name=r.full_name, title=r.title,
                        unit_code=r.unit_code, unit_name=r.unit_name, department_id=r.department_id,
                        department_name=r.department_name, roles=roles[r.id], active=r.active,
                        credentials_version=r.credentials_version),
             r.department_order) for r in rows]


def person(session: Session, person_id: str) -> PersonView | None:
    found = _people(session, people.c.id == person_id)
    return found[0][0] if found else None


def people_by_ids(session: Session, person_ids: Iterable[str]) -> list[PersonView]:
    """In the order asked, each once; unknown ids left out."""
    wanted = list(dict.fromkeys(person_ids))
    found: dict[str, PersonView] = {}
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start:chunk_start + 500]
        found.update((view.id, view) for view, _ in _people(session, people.c.id.in_(chunk)))
    return [found[pid] for pid in wanted if pid in found]


def people_of(session: Session, unit_code: str, role: str | None = None, department_id: str | None = None,
              include_inactive: bool = False) -> list[PersonView]:
    """Active (or all) people of a unit, by department order then Vietnamese name order."""
    conditions = [people.c.unit_code == unit_code]
    if not include_inactive:
        conditions.append(people.c.active.is_(True))
    if role is not None:
        conditions.append(people.c.id.in_(select(person_roles.c.person_id).where(person_roles.c.role == role)))
    if department_id is not None:
        conditions.append(people.c.department_id == department_id)
    found = _people(session, *conditions)
    found.sort(key=lambda pair: directory_key(pair[1], pair[0].full_name))
    return [view for view, _ in found]


_LOGIN_COLUMNS = (people.c.id, people.c.username, people.c.password_hash, people.c.active,
                  people.c.credentials_version)


def _login(session: Session, condition, for_update: bool) -> Login | None:
    query = select(*_LOGIN_COLUMNS).where(condition)
    if for_update:
        query = query.with_for_update()
    row = session.execute(query).first()
    return Login(row.id, row.username, row.password_hash, row.active, row.credentials_version) if row else None


def login_by_username(session: Session, username: str, for_update: bool = False) -> Login | None:
    """``for_update``: also lock the person's row until the transaction ends (PostgreSQL; SQLite
    serialises writers anyway), so every change of one person's credentials and failure count
    happens one after the other."""
    return _login(session, people.c.username == username, for_update)


def login_by_id(session: Session, person_id: str, for_update: bool = False) -> Login | None:
    return _login(session, people.c.id == person_id, for_update)


def full_name(session: Session, person_id: str) -> str | None:
    return session.execute(select(people.c.full_name).where(people.c.id == person_id)).scalar()


def standing(session: Session, person_id: str) -> Standing | None:
    row = session.execute(select(people.c.id, people.c.unit_code, people.c.active)
                          .where(people.c.id == person_id)).first()
    if row is None:
        return None
    roles = _roles_of(session, [row.id])[row.id]
    return Standing(person_id=row.id, unit_code=row.unit_code, roles=tuple(roles), active=row.active)


def lock_person(session: Session, person_id: str) -> bool:
    """Lock the person's row until the transaction ends (PostgreSQL: ``SELECT ... FOR UPDATE``;
    SQLite serialises writers anyway): changes of one person, and sign-ins with their username,
    take turns. False if there is no such person."""
    return session.execute(select(people.c.id).where(people.c.id == person_id).with_for_update()).first() is not None


def username_taken(session: Session, username: str) -> bool:
    return session.execute(select(people.c.id).where(people.c.username == username)).first() is not None


def add_person(session: Session, *, person_id: str, unit_code: str, department_id: str | None, username: str,
               full_name: str, title: str, roles: list[str], password_hash: str, now: datetime) -> None:
    session.execute(insert(people).values(
        id=person_id, unit_code=unit_code, department_id=department_id, username=username,
        full_name=full_name, title=title, password_hash=password_hash, active=True,
        password_changed_at=now, created_at=now, updated_at=now))
    session.execute(insert(person_roles), [{"person_id": person_id, "role": role} for role in roles])


def set_password_hash(session: Session, person_id: str, password_hash: str, now: datetime,
                      changed: bool = True) -> None:
    """Store a new hash; ``changed=False`` for a re-hash of the same password (which, unlike a new
    password, does not change the credentials version)."""
    values = {"password_hash": password_hash, "updated_at": now}
    if changed:
        values["password_changed_at"] = now
        values["credentials_version"] = people.c.credentials_version + 1
    session.execute(update(people).where(people.c.id == person_id).values(**values))


def set_active(session: Session, person_id: str, active: bool, now: datetime) -> None:
    """(De)activate; either way the credentials version goes up (sessions issued before end)."""
    session.execute(update(people).where(people.c.id == person_id).values(
        active=active, updated_at=now, credentials_version=people.c.credentials_version + 1))


# -- sessions ---------------------------------------------------------------

@dataclass(frozen=True)
class OpenSession:
    person_id: str
    expires_at: datetime


def open_session(session: Session, token_hash: str) -> OpenSession | None:
    row = session.execute(select(sessions.c.person_id, sessions.c.expires_at)
                          .where(sessions.c.token_hash == token_hash)).first()
    return OpenSession(row.person_id, row.expires_at) if row else None


def add_session(session: Session, token_hash: str, person_id: str, kind: str, now: datetime,
                expires_at: datetime, keep: int) -> None:
    """Record a new session; the person's expired sessions go, and the oldest beyond ``keep``."""
    session.execute(delete(sessions).where(sessions.c.person_id == person_id, sessions.c.expires_at <= now))
    older = session.execute(select(sessions.c.token_hash).where(sessions.c.person_id == person_id)
                            .order_by(sessions.c.created_at.desc(), sessions.c.token_hash)
                            .offset(keep - 1)).scalars().all()
    if older:
        session.execute(delete(sessions).where(sessions.c.token_hash.in_(older)))
    session.execute(insert(sessions).values(token_hash=token_hash, person_id=person_id, kind=kind,
                                            created_at=now, expires_at=expires_at))


def end_sessions(session: Session, person_id: str, except_hash: str | None = None) -> int:
    """End every session of a person (but ``except_hash``); the number ended."""
    query = delete(sessions).where(sessions.c.person_id == person_id)
    if except_hash is not None:
        query = query.where(sessions.c.token_hash != except_hash)
    return session.execute(query).rowcount or 0


def delete_expired_sessions(session: Session, now: datetime) -> int:
    return session.execute(delete(sessions).where(sessions.c.expires_at <= now)).rowcount or 0
