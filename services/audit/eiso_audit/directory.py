"""Lookups in the context service (departments, people), made BEFORE a transaction opens, never inside one."""
from __future__ import annotations

from dataclasses import dataclass

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.context import DepartmentView, PersonView

from eiso_kit.rpc import call

UNAVAILABLE = "Dịch vụ danh bạ (phòng ban, người dùng) không trả lời. Vui lòng thử lại sau."


@dataclass
class Directory:
    context: object        # the service's RpcProxy("context")
    timeout: float

    def departments(self, unit_code: str) -> dict[str, str]:
        """Department id -> name, of the unit."""
        found = call(self.context.list_departments, unit_code, timeout=self.timeout, unavailable=UNAVAILABLE)
        return {d.id: d.name for d in (DepartmentView.model_validate(item) for item in found)}

    def check_departments(self, unit_code: str, department_ids) -> dict[str, str]:
        """The unit's departments; InvalidInput naming none of another unit's (or unknown) ones."""
        departments = self.departments(unit_code)
        if any(d not in departments for d in department_ids):
            raise InvalidInput("Phòng ban đã chọn không thuộc đơn vị.")
        return departments

    def people(self, person_ids) -> dict[str, PersonView]:
        ids = sorted({i for i in person_ids if i})
        if not ids:
            return {}
        found = call(self.context.get_people, ids, timeout=self.timeout, unavailable=UNAVAILABLE)
        people = (PersonView.model_validate({k: v for k, v in item.items() if k in PersonView.model_fields})
                  for item in found)
        return {p.id: p for p in people}

    def unit_name(self, unit_code: str) -> str:
        found = call(self.context.get_unit, unit_code, timeout=self.timeout, unavailable=UNAVAILABLE)
        return found["name"]
