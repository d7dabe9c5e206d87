"""RPC models of the context service: units, departments, people, login and sessions."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StringConstraints, field_validator

from ..dossier import Id
from .common import ROLES, Actor, Model

# A new password has at least this many characters (and is not a common one: the context service
# checks it against a list of common passwords; see services/context/eiso_context/domain/passwords.py).
PASSWORD_MIN_LENGTH = 10
# A session (a signed-in browser or an API token) lasts this long from sign-in, unless it is ended before.
SESSION_SECONDS = 8 * 3600

# Passwords are taken as typed: no whitespace stripping (the models strip every other string).
Password = Annotated[str, StringConstraints(strip_whitespace=False, min_length=PASSWORD_MIN_LENGTH,
                                            max_length=256)]
GivenPassword = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=256)]
GivenId = Annotated[Id, Field(min_length=1, max_length=64)]
# The secret that names a session (``SessionStarted.token``): random, URL-safe, never stored as such.
SessionToken = Annotated[str, StringConstraints(strip_whitespace=False, min_length=20, max_length=128,
                                                pattern=r"^[A-Za-z0-9_-]+$")]


def _known_roles(roles: list[str]) -> list[str]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ValueError(f"vai trò không hợp lệ: {', '.join(unknown)}")
    return sorted(set(roles))


def _known_role(role: str | None) -> str | None:
    if role is not None and role not in ROLES:
        raise ValueError(f"vai trò không hợp lệ: {role}")
    return role


class Credentials(Model):
    username: str = Field(min_length=1, max_length=64)
    password: GivenPassword


class UnitView(Model):
    code: str
    name: str


class DepartmentView(Model):
    id: Id
    unit_code: str
    code: str
    name: str
    sort_order: int = 0


class PersonView(Model):
    id: Id
    username: str
    full_name: str
    title: str = ""
    unit_code: str
    unit_name: str
    department_id: Id | None = None
    department_name: str | None = None
    roles: list[str]
    active: bool = True
    # Goes up whenever the person's credentials change (own change, admin's reset, deactivation,
    # reactivation): a session or API token issued under a lower number is no longer valid.
    credentials_version: int = 0


class UnitRef(Model):
    """Argument of ``get_unit(code)`` and ``list_departments(unit_code)``."""

    unit_code: str = Field(min_length=1, max_length=20)


class DepartmentRef(Model):
    """Argument of ``get_department(department_id)``."""

    department_id: GivenId


class PersonRef(Model):
    """Argument of ``get_person(person_id)``."""

    person_id: GivenId


class PeopleRef(Model):
    """Argument of ``get_people(person_ids)``: unknown ids are left out of the answer."""

    person_ids: list[GivenId] = Field(max_length=1000)


class PeopleQuery(Model):
    """Active people of a unit, optionally only one role and/or one department.

    ``include_inactive``: deactivated people too; only for an ``actor`` who is an admin of the unit
    (as the directory records it), anyone else gets ``Forbidden``.
    """

    unit_code: str = Field(min_length=1, max_length=20)
    role: str | None = None
    department_id: Id | None = None
    include_inactive: bool = False
    actor: Actor | None = None

    _role = field_validator("role")(classmethod(lambda cls, v: _known_role(v)))


class CreateDepartment(Model):
    actor: Actor
    code: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=200)
    sort_order: int | None = Field(default=None, ge=0, le=100_000)  # None: after the last one


class CreatePerson(Model):
    actor: Actor
    # The shape (a-z 0-9 . _ -, starting with a letter; stored lower case) is checked by the
    # context service, which answers with the rule in Vietnamese.
    username: str = Field(min_length=3, max_length=64,
                          description="3–64 ký tự a-z, 0-9, . _ -; bắt đầu bằng chữ cái; lưu chữ thường")
    full_name: str = Field(min_length=1, max_length=200)
    title: str = Field(default="", max_length=200)
    department_id: Id
    roles: list[str] = Field(min_length=1)
    password: Password

    _roles = field_validator("roles")(classmethod(lambda cls, v: _known_roles(v)))


class ChangePassword(Model):
    """Every session of the person ends, except ``keep_session`` (the one the change is made from)."""

    actor: Actor
    current_password: GivenPassword
    new_password: Password
    keep_session: SessionToken | None = None


class ResetPassword(Model):
    actor: Actor
    person_id: Id
    new_password: Password


class SetPersonActive(Model):
    """Arguments of ``set_person_active(actor, person_id, active)``."""

    actor: Actor
    person_id: GivenId
    active: StrictBool


# -- sessions ---------------------------------------------------------------------------------
class StartSession(Model):
    """Argument of ``start_session(cmd)``: sign in and open a session (``web``: a browser; ``api``: a token)."""

    username: str = Field(min_length=1, max_length=64)
    password: GivenPassword
    kind: Literal["web", "api"] = "web"


class SessionStarted(Model):
    """The session's secret (the gateway keeps it in the signed cookie or the bearer token), its end and its person."""

    token: str
    expires_at: datetime
    person: PersonView


class SessionRef(Model):
    """Argument of ``check_session(token)`` and ``end_sessions(token)``."""

    token: SessionToken


class SessionsEnded(Model):
    ended: int = Field(ge=0)
