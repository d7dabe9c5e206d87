"""The archive form ("Lưu trữ hồ sơ") and the loan form ("Mượn trả hồ sơ"), as typed and as checked."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...formatting import parse_date
from ...pages.forms import FieldError, FormInvalid


@dataclass
class ArchiveInput:
    dossier_code: str = ""
    number: str = ""
    title: str = ""
    record_type: str = "chat_luong"
    department_id: str = ""
    closed_on: str = ""
    retention_years: str = "5"
    permanent: bool = False
    store: str = ""
    shelf: str = ""
    box: str = ""
    request_id: str = ""

    @classmethod
    def from_form(cls, form) -> "ArchiveInput":
        return cls(**{name: form.get(name, "").strip() for name in (
            "dossier_code", "number", "title", "record_type", "department_id", "closed_on", "retention_years",
            "store", "shelf", "box", "request_id")}, permanent=form.get("permanent") == "1")

    def command(self, actor: dict, files: list[str]) -> dict:
        errors = []
        years = None
        if not self.permanent:
            if not self.retention_years.isdecimal() or not 1 <= int(self.retention_years) <= 100:
                errors.append(FieldError("retention_years", "Thời hạn lưu trữ: nhập số năm từ 1 đến 100, "
                                                            "hoặc chọn Vĩnh viễn."))
            else:
                years = int(self.retention_years)
        closed = parse_date(self.closed_on)
        if not self.dossier_code:
            if not self.number:
                errors.append(FieldError("number", "Số, ký hiệu: không được để trống"))
            if not self.title:
                errors.append(FieldError("title", "Tên hồ sơ: không được để trống"))
            if closed is None:
                errors.append(FieldError("closed_on", "Ngày kết thúc: nhập ngày dạng dd/mm/yyyy"))
        if not self.department_id:
            errors.append(FieldError("department_id", "Phòng ban: vui lòng chọn phòng ban"))
        if errors:
            raise FormInvalid(errors)
        return {"actor": actor, "dossier_code": self.dossier_code or None, "number": self.number,
                "title": self.title, "record_type": self.record_type, "department_id": self.department_id,
                "closed_on": closed.isoformat() if closed else None, "retention_years": years,
                "location": {"store": self.store, "shelf": self.shelf, "box": self.box}, "files": files,
                "request_id": self.request_id or None}


@dataclass
class LoanInput:
    record_id: str = ""
    purpose: str = ""
    borrowed_on: str = ""
    due_on: str = ""
    request_id: str = ""
    errors: list = field(default_factory=list)

    @classmethod
    def from_form(cls, form) -> "LoanInput":
        return cls(**{name: form.get(name, "").strip() for name in (
            "record_id", "purpose", "borrowed_on", "due_on", "request_id")})

    def command(self, actor: dict) -> dict:
        errors = []
        borrowed, due = parse_date(self.borrowed_on), parse_date(self.due_on)
        if not self.record_id:
            errors.append(FieldError("record_id", "Hồ sơ: vui lòng chọn hồ sơ cần mượn"))
        if not self.purpose:
            errors.append(FieldError("purpose", "Lý do mượn: không được để trống"))
        if borrowed is None:
            errors.append(FieldError("borrowed_on", "Ngày mượn: nhập ngày dạng dd/mm/yyyy"))
        if due is None:
            errors.append(FieldError("due_on", "Hạn trả: nhập ngày dạng dd/mm/yyyy"))
        elif borrowed is not None and due < borrowed:
            errors.append(FieldError("due_on", "Hạn trả không được trước ngày mượn"))
        if errors:
            raise FormInvalid(errors)
        return {"actor": actor, "record_id": self.record_id, "purpose": self.purpose,
                "borrowed_on": borrowed.isoformat(), "due_on": due.isoformat(), "request_id": self.request_id or None}
