"""Whether a person may be handed a step: the rule behind "Chọn phòng ban" / "Chọn người xử lý".

The person's data comes from the context service (fetched by the service
before its transaction); the rule itself is here, once, for opening,
approving and returning alike.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.common import ROLES
from eiso_contracts.rpc.context import PersonView

from .definition import StepDefinition


def person_from(data: Mapping[str, Any] | None) -> PersonView | None:
    """A PersonView from the context service's answer; fields this contract does not know are dropped."""
    if data is None:
        return None
    known = {key: value for key, value in data.items() if key in PersonView.model_fields}
    return PersonView.model_validate(known)


def check_handler(person: PersonView | None, *, step: StepDefinition, unit_code: str,
                  department_id: str | None, require_department: bool = True) -> PersonView:
    """Refuse (InvalidInput) a handler who cannot do ``step`` of a dossier of ``unit_code``.

    ``department_id``: the department chosen in the form; None when the
    department is taken from the person (returning to the last doer), who
    must then belong to one unless ``require_department`` is False (the
    requester of step 1, whose department the dossier does not record).
    """
    where = f"Bước {step.number}: {step.name}"
    if person is None:
        raise InvalidInput(f"{where} — không tìm thấy người xử lý đã chọn.")
    if not person.active:
        raise InvalidInput(f"{where} — {person.full_name} không còn hoạt động trong hệ thống; "
                           "vui lòng chọn người khác.")
    if person.unit_code != unit_code:
        raise InvalidInput(f"{where} — {person.full_name} không thuộc đơn vị của hồ sơ.")
    if department_id is not None and person.department_id != department_id:
        raise InvalidInput(f"{where} — {person.full_name} không thuộc phòng ban đã chọn.")
    if department_id is None and require_department and not person.department_id:
        raise InvalidInput(f"{where} — {person.full_name} chưa thuộc phòng ban nào; vui lòng chọn người xử lý khác.")
    if step.role not in person.roles:
        raise InvalidInput(f"{where} — người xử lý phải có vai trò {ROLES[step.role]}; "
                           f"{person.full_name} không có vai trò này.")
    return person
