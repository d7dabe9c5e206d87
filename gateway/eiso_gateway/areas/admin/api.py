"""The organisation over the API: the unit's departments and people (read by everyone signed in)."""
from __future__ import annotations

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.common import ROLES
from eiso_contracts.rpc.context import DepartmentView, PersonView, PeopleQuery
from flask import request

from ...api import Param, route
from ...api.body import answer
from ...api.models import field_schema
from ...identity import current_user
from ...resources import services


@route("GET", "/departments", tag="organisation", response=("list", DepartmentView))
def departments():
    """The departments (phòng ban) of the person's unit."""
    return answer(services().context.list_departments(current_user().unit_code))


UNKNOWN_ROLE = "Tham số role phải là một trong: " + ", ".join(ROLES) + "."


@route("GET", "/people", tag="organisation", response=("list", PersonView), params=(
    Param("role", schema={"type": "string", "enum": list(ROLES)},
          description="Only people with this role; an empty or unknown role is refused (422)"),
    Param("department_id", schema=field_schema(PeopleQuery, "department_id"), description="Only people of this department (empty: all)"),
))
def people():
    """People of the person's unit, optionally by role and department."""
    role = request.args.get("role")
    if role is not None and role not in ROLES:  # "role=" too: a filter that was meant but lost its value
        raise InvalidInput(UNKNOWN_ROLE)
    found = services().context.list_people(current_user().unit_code, role=role,
                                           department_id=request.args.get("department_id") or None)
    return answer(found)
