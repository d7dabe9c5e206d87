"""The organisation over the API: the unit's departments and people (read by everyone signed in)."""
from __future__ import annotations

from eiso_contracts.rpc.common import ROLES
from eiso_contracts.rpc.context import DepartmentView, PersonView
from flask import request

from ...api import Param, route
from ...api.body import answer
from ...identity import current_user
from ...resources import services


@route("GET", "/departments", tag="organisation", response=("list", DepartmentView))
def departments():
    """The departments (phòng ban) of the person's unit."""
    return answer(services().context.list_departments(current_user().unit_code))


@route("GET", "/people", tag="organisation", response=("list", PersonView), params=(
    Param("role", schema={"type": "string", "enum": list(ROLES)}),
    Param("department_id", schema={"type": "string"}),
))
def people():
    """People of the person's unit, optionally by role and department."""
    found = services().context.list_people(current_user().unit_code, role=request.args.get("role") or None,
                                           department_id=request.args.get("department_id") or None)
    return answer(found)
