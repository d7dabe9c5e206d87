"""Who may audit: people with the internal-auditor role of the unit, never in a department they audit."""
from __future__ import annotations

from collections.abc import Mapping

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.common import ROLES
from eiso_contracts.rpc.context import PersonView


def check_team(lead_id: str, team_ids: list[str], department_ids: list[str], unit_code: str,
               people: Mapping[str, PersonView | None], department_names: Mapping[str, str]) -> None:
    """Refuse (InvalidInput, one sentence per problem) a lead auditor or member who cannot audit these departments."""
    problems = []
    for person_id in dict.fromkeys([lead_id, *team_ids]):
        person = people.get(person_id)
        who = "Trưởng đoàn" if person_id == lead_id else "Thành viên đoàn"
        if person is None or person.unit_code != unit_code:
            problems.append(f"{who}: không tìm thấy người đã chọn trong đơn vị.")
            continue
        if not person.active:
            problems.append(f"{who}: {person.full_name} không còn hoạt động trong hệ thống.")
        if "auditor" not in person.roles:
            problems.append(f"{who}: {person.full_name} không có vai trò {ROLES['auditor']}.")
        if person.department_id in department_ids:
            name = department_names.get(person.department_id, person.department_name or "")
            problems.append(f"{who}: {person.full_name} thuộc {name}; đánh giá viên không được đánh giá "
                            "phòng ban của chính mình.")
    if problems:
        raise InvalidInput(" ".join(problems))
