"""Names the destruction minutes print, asked of the context service (which owns people and departments)."""
from __future__ import annotations

import logging

from eiso_contracts.errors import EisoError

from eiso_kit.rpc import call

from .destruction.minutes import Names

log = logging.getLogger(__name__)
UNAVAILABLE = "Dịch vụ quản lý tổ chức (context) chưa trả lời."


def department_ids(context, unit_code: str, timeout: float) -> set[str]:
    answered = call(context.list_departments, unit_code, timeout=timeout,
                    unavailable="Không kiểm tra được phòng ban vì dịch vụ quản lý tổ chức chưa trả lời. "
                                "Vui lòng thử lại sau.")
    return {item["id"] for item in answered or [] if isinstance(item, dict) and "id" in item}


def minutes_names(context, timeout: float):
    """``names_of(destruction, records)`` for ``execution.write_minutes``; raises when context cannot answer
    (the minutes are written on the next round, never with people missing)."""

    def names_of(destruction, records) -> Names:
        people = {p["id"]: p for p in call(context.get_people, [destruction.proposed_by, destruction.approved_by],
                                          timeout=timeout, unavailable=UNAVAILABLE) or []}
        departments = {d["id"]: d["name"] for d in call(context.list_departments, destruction.unit_code,
                                                       timeout=timeout, unavailable=UNAVAILABLE) or []}
        try:
            unit = call(context.get_unit, destruction.unit_code, timeout=timeout, unavailable=UNAVAILABLE)["name"]
        except (EisoError, KeyError, TypeError) as exc:
            log.warning("unit %s: no name from context (%s); the minutes show its code", destruction.unit_code, exc)
            unit = destruction.unit_code

        def name(person_id):
            return people.get(person_id, {}).get("full_name") or person_id or ""

        return Names(unit=unit, proposer=name(destruction.proposed_by), approver=name(destruction.approved_by),
                     departments=departments)

    return names_of
