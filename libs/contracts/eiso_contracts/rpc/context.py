"""RPC models of the context service: units, departments, people, login."""
from __future__ import annotations

from pydantic import Field, field_validator

from ..dossier import Id
from .common import ROLES, Actor, Model


def _known_roles(roles: list[str]) -> list[str]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ValueError(f"vai trò không hợp lệ: {', '.join(unknown)}")
    return sorted(set(roles))


class Credentials(Model):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


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


class PeopleQuery(Model):
    unit_code: str
    role: str | None = None
    department_id: Id | None = None


class CreateDepartment(Model):
    actor: Actor
    code: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=200)


class CreatePerson(Model):
    actor: Actor
    username: str = Field(min_length=3, max_length=64, pattern=r"^[a-z0-9._-]+$")
    full_name: str = Field(min_length=1, max_length=200)
    title: str = Field(default="", max_length=200)
    department_id: Id
    roles: list[str] = Field(min_length=1)
    password: str = Field(min_length=8, max_length=256)

    _roles = field_validator("roles")(classmethod(lambda cls, v: _known_roles(v)))


class ChangePassword(Model):
    actor: Actor
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=8, max_length=256)


class ResetPassword(Model):
    actor: Actor
    person_id: Id
    new_password: str = Field(min_length=8, max_length=256)
