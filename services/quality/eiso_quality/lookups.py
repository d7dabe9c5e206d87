"""Lookups in the context service (departments, people of a role), made BEFORE a transaction opens."""
from __future__ import annotations

from dataclasses import dataclass

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.context import DepartmentView, PersonView

from eiso_kit.rpc import call

UNAVAILABLE = "Dịch vụ danh bạ (phòng ban, người dùng) không trả lời. Vui lòng thử lại sau."


@dataclass
class Lookups:
    context: object        # the service's RpcProxy("context")
    timeout: float

    def check_department(self, unit_code: str, department_id: str) -> DepartmentView:
        found = call(self.context.list_departments, unit_code, timeout=self.timeout, unavailable=UNAVAILABLE)
        for item in found:
            department = DepartmentView.model_validate(item)
            if department.id == department_id:
                return department
        raise InvalidInput("Phòng ban đã chọn không thuộc đơn vị.")

    def people_with(self, unit_code: str, role: str, department_id: str | None = None) -> list[PersonView]:
        """Active people of the unit with ``role`` (in ``department_id`` if given), by name."""
        query = {"unit_code": unit_code, "role": role, "department_id": department_id}
        found = call(self.context.list_people, query, timeout=self.timeout, unavailable=UNAVAILABLE)
        people = [PersonView.model_validate({k: v for k, v in item.items() if k in PersonView.model_fields})
                  for item in found]
        return sorted((p for p in people if p.active), key=lambda p: (p.full_name, p.id))
