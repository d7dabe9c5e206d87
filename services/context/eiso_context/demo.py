"""The demo organisation of ``demo_data.yml``, read and checked against the domain rules.

Demo rows get stable ids (UUID 5 of unit and code), so every demo start-up,
on any machine, names the same people the same way.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from .domain import passwords, roles, usernames

DEMO_FILE = Path(__file__).with_name("demo_data.yml")
_NAMESPACE = uuid.UUID("6f0c8f1e-3a51-4d0e-9a7b-5e1f2c9d4b10")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoUnit(_Data):
    code: str
    name: str


class DemoDepartment(_Data):
    code: str
    name: str
    sort_order: int


class DemoPerson(_Data):
    username: str
    full_name: str
    title: str
    department: str
    roles: list[str]


class DemoOrganisation(_Data):
    password: str
    unit: DemoUnit
    departments: list[DemoDepartment]
    people: list[DemoPerson]

    @model_validator(mode="after")
    def _consistent(self):
        codes = [d.code for d in self.departments]
        if len(set(codes)) != len(codes):
            raise ValueError("duplicate department code")
        names = [p.username for p in self.people]
        if len(set(names)) != len(names):
            raise ValueError("duplicate username")
        for person in self.people:
            if person.department not in codes:
                raise ValueError(f"{person.username}: unknown department {person.department}")
            if usernames.new_username(person.username) != person.username:
                raise ValueError(f"{person.username}: not a valid username")
            roles.canonical(person.roles)
            # The demo password is published (README) and shorter than a new password may be: the rules
            # for new passwords do not apply to it; EISO_DEMO_DATA=0 keeps it out of production.
            if self.password.strip().lower() == person.username:
                raise ValueError(f"{person.username}: {passwords.SAME_AS_USERNAME}")
        return self

    def department_id(self, code: str) -> str:
        return uuid.uuid5(_NAMESPACE, f"{self.unit.code}/department/{code}").hex

    def person_id(self, username: str) -> str:
        return uuid.uuid5(_NAMESPACE, f"{self.unit.code}/person/{username}").hex


def load_demo(path: Path = DEMO_FILE) -> DemoOrganisation:
    with open(path, encoding="utf-8") as handle:
        return DemoOrganisation.model_validate(yaml.safe_load(handle))
