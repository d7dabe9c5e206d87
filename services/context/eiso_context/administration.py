"""What a unit's administrator (Quản trị hệ thống) does: departments, people, passwords, activation.

Each command first checks, from the directory itself, that the actor is an
active admin of the unit concerned; passwords are hashed before the
transaction opens; every change is audited (never with a password hash).
"""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, NotFound
from eiso_contracts.events.context import PersonCreated
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context import (CreateDepartment, CreatePerson, DepartmentView, PersonView,
                                        ResetPassword, SetPersonActive)
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import repository
from .authentication import PASSWORDS
from .domain import authority, departments, passwords, roles, usernames
from .domain.passwords import Passwords
from .messages import UNKNOWN_PERSON
from .retries import retry_on_conflict

USERNAME_TAKEN = "Tên đăng nhập đã tồn tại."


def new_id() -> str:
    return uuid.uuid4().hex


def _require_admin(session: Session, actor: Actor, unit_code: str) -> None:
    authority.require_admin(actor, repository.standing(session, actor.id), unit_code)


def _person_in_unit(session: Session, actor: Actor, person_id: str) -> PersonView:
    """The person an admin acts on; an admin of another unit is refused like a non-admin."""
    standing = repository.standing(session, actor.id)
    authority.require_admin(actor, standing, actor.unit_code)
    target = repository.person(session, person_id)
    if target is None:
        raise NotFound(UNKNOWN_PERSON)
    authority.require_admin(actor, standing, target.unit_code)
    return target


def create_department(db: DatabaseAccess, cmd: CreateDepartment) -> DepartmentView:
    unit_code = cmd.actor.unit_code
    code = departments.normalize_code(cmd.code)
    try:
        with db.transaction() as tx:
            _require_admin(tx.session, cmd.actor, unit_code)
            if repository.department_code_taken(tx.session, unit_code, code):
                raise Conflict(departments.CODE_TAKEN)
            sort_order = cmd.sort_order
            if sort_order is None:
                sort_order = departments.next_sort_order(repository.sort_orders(tx.session, unit_code))
            view = DepartmentView(id=new_id(), unit_code=unit_code, code=code, name=cmd.name,
                                  sort_order=sort_order)
            repository.add_department(tx.session, view, utcnow())
            tx.audit("department", view.id, "created", cmd.actor.id, after=view.model_dump(mode="json"))
    except IntegrityError:  # the same code added at the same moment by another admin
        raise Conflict(departments.CODE_TAKEN) from None
    return view


def create_person(db: DatabaseAccess, cmd: CreatePerson, *, hashing: Passwords = PASSWORDS) -> PersonView:
    actor = cmd.actor
    with db.read() as session:
        _require_admin(session, actor, actor.unit_code)
    username = usernames.new_username(cmd.username)
    granted = roles.canonical(cmd.roles)
    passwords.require_acceptable(cmd.password, username, full_name=cmd.full_name)
    password_hash = hashing.hash(cmd.password)
    try:
        with db.transaction() as tx:
            department = repository.department(tx.session, cmd.department_id)
            if department is None or department.unit_code != actor.unit_code:
                raise NotFound(departments.NOT_IN_UNIT)
            if repository.username_taken(tx.session, username):
                raise Conflict(USERNAME_TAKEN)
            person_id = new_id()
            repository.add_person(tx.session, person_id=person_id, unit_code=actor.unit_code,
                                  department_id=department.id, username=username, full_name=cmd.full_name,
                                  title=cmd.title, roles=granted, password_hash=password_hash, now=utcnow())
            view = repository.person(tx.session, person_id)
            tx.emit(person_created(view), subject=f"person/{person_id}")
            tx.audit("person", person_id, "created", actor.id, after=view.model_dump(mode="json"))
    except IntegrityError:  # the same username taken at the same moment
        raise Conflict(USERNAME_TAKEN) from None
    return view


def person_created(view: PersonView) -> PersonCreated:
    return PersonCreated(person_id=view.id, unit_code=view.unit_code, username=view.username,
                         full_name=view.full_name, department_id=view.department_id, roles=view.roles)


def reset_password(db: DatabaseAccess, cmd: ResetPassword, *, hashing: Passwords = PASSWORDS) -> PersonView:
    """Give a person a new password; every session of theirs ends (the admin's own too, when the
    admin resets their own password: they sign in again with the new one)."""
    with db.read() as session:
        target = _person_in_unit(session, cmd.actor, cmd.person_id)
    passwords.require_acceptable(cmd.new_password, target.username, full_name=target.full_name)
    password_hash = hashing.hash(cmd.new_password)
    now = utcnow()

    def store() -> PersonView:
        with db.transaction() as tx:
            _lock(tx.session, target.id)
            repository.set_password_hash(tx.session, target.id, password_hash, now)
            ended = repository.end_sessions(tx.session, target.id)
            tx.audit("person", target.id, "password_reset", cmd.actor.id,
                     after={"password_changed_at": now, "sessions_ended": ended})
            return repository.person(tx.session, target.id)

    return retry_on_conflict(store)


def set_person_active(db: DatabaseAccess, cmd: SetPersonActive) -> PersonView:
    authority.require_may_set_active(cmd.actor, cmd.person_id, cmd.active)

    def store() -> PersonView:
        with db.transaction() as tx:
            _person_in_unit(tx.session, cmd.actor, cmd.person_id)
            target = _lock(tx.session, cmd.person_id)
            if target.active == cmd.active:
                return target
            repository.set_active(tx.session, target.id, cmd.active, utcnow())
            ended = repository.end_sessions(tx.session, target.id)  # a deactivated person acts no more
            tx.audit("person", target.id, "activated" if cmd.active else "deactivated", cmd.actor.id,
                     before={"active": target.active}, after={"active": cmd.active, "sessions_ended": ended})
            return repository.person(tx.session, target.id)

    return retry_on_conflict(store)


def _lock(session: Session, person_id: str) -> PersonView:
    """Lock the person's row for the rest of the transaction and read them as they are now: changes
    of one person (a reset, a (de)activation, a login) take turns, so each sees the one before and
    appends the next entry of the person's audit trail."""
    if not repository.lock_person(session, person_id):
        raise NotFound(UNKNOWN_PERSON)
    return repository.person(session, person_id)
