""""Bước xử lý tiếp theo" (Chọn phòng ban, Chọn người xử lý, Hạn cuối xử lý), as typed and as checked.

The same block sits on "Tạo hồ sơ" and on "Xử lý" (and, prefixed ``return``,
in the "Bổ sung" block), so it is read and checked here. A refusal names the
input it is about, so the page can mark it; what was typed is kept for the re-render.
"""
from __future__ import annotations

from dataclasses import dataclass

from eiso_contracts.rpc.context import PersonView

from ..formatting import fmt_date, parse_date, today
from ..pages.forms import invalid


@dataclass
class NextStepInput:
    """The raw "Bước xử lý tiếp theo" fields, kept as typed for a re-render."""

    department_id: str = ""
    handler_id: str = ""
    deadline: str = ""
    prefix: str = "next"

    @classmethod
    def from_form(cls, form, prefix: str = "next") -> "NextStepInput":
        return cls(department_id=form.get(f"{prefix}_department_id", "").strip(),
                   handler_id=form.get(f"{prefix}_handler_id", "").strip(),
                   deadline=form.get(f"{prefix}_deadline", "").strip(), prefix=prefix)

    @property
    def deadline_value(self) -> str:
        """What the deadline field shows: dd/mm/yyyy when we can read it, else exactly what was typed.

        A text field, not ``type=date``: a browser draws a date input in its own
        locale (mm/dd/yyyy on an English Windows), the manual's users read dd/mm/yyyy.
        """
        parsed = parse_date(self.deadline)
        return fmt_date(parsed) if parsed else self.deadline

    @property
    def empty(self) -> bool:
        return not self.handler_id

    def assignment(self, candidates: list[PersonView], required: bool, *,
                   missing: str = "Vui lòng chọn người xử lý bước tiếp theo.",
                   not_candidate: str = "Người xử lý được chọn không thể xử lý bước tiếp theo.") -> dict | None:
        """The ``Assignment`` JSON, or None when nothing was chosen and nothing is required."""
        handler, department, deadline_field = (f"{self.prefix}_{name}"
                                               for name in ("handler_id", "department_id", "deadline"))
        if not self.handler_id:
            if required:
                raise invalid(handler, missing)
            return None
        person = next((p for p in candidates if p.id == self.handler_id), None)
        if person is None:
            raise invalid(handler, not_candidate)
        department_id = self.department_id or person.department_id
        if not department_id:
            raise invalid(department, "Vui lòng chọn phòng ban xử lý bước tiếp theo.")
        if self.department_id and person.department_id and self.department_id != person.department_id:
            raise invalid(handler, "Người xử lý không thuộc phòng ban đã chọn.")
        deadline = parse_date(self.deadline)
        if deadline is None:
            raise invalid(deadline_field, "Vui lòng nhập Hạn cuối xử lý (dd/mm/yyyy).")
        if deadline < today():
            raise invalid(deadline_field, "Hạn cuối xử lý không được trước ngày hôm nay.")
        return {"department_id": department_id, "handler_id": person.id, "deadline": deadline.isoformat()}
