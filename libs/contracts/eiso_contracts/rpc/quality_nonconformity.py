"""RPC models of the quality service: nonconformities and their corrective actions (ISO 10.2)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from typing import ClassVar

from pydantic import Field

from ..content import CorrectiveActionContent
from ..dossier import Id
from .common import Actor, Model

NONCONFORMITY_SOURCES: dict[str, str] = {
    "audit": "Đánh giá nội bộ",
    "complaint": "Phản ánh, khiếu nại",
    "objective": "Mục tiêu chất lượng không đạt",
    "other": "Khác",
}
NONCONFORMITY_STATUSES: dict[str, str] = {
    "open": "Chờ phân tích nguyên nhân",
    "planned": "Chờ Lãnh đạo phê duyệt",
    "approved": "Đang thực hiện khắc phục",
    "implemented": "Chờ xác nhận hiệu lực",
    "reopened": "Mở lại",
    "closed": "Đã đóng",
}
OVERDUE_LABEL = "Quá hạn"


class RaiseNonconformity(Model):
    """"Báo cáo điểm không phù hợp": anyone, from a complaint, a missed objective or anything else."""

    field_titles: ClassVar[dict[str, str]] = {"source": "Nguồn phát hiện", "department_id": "Phòng ban",
                                               "clause": "Điều khoản", "description": "Mô tả điểm không phù hợp",
                                               "evidence": "Bằng chứng", "attachments": "Tập tin"}

    actor: Actor
    source: Literal["complaint", "objective", "other"]
    department_id: Id
    clause: str = Field(default="", max_length=40)
    description: str = Field(min_length=1, max_length=4000)
    evidence: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class NonconformityRef(Model):
    actor: Actor
    nonconformity_id: Id


class NonconformitiesQuery(Model):
    actor: Actor
    open_only: bool = False


class NonconformityView(Model):
    id: Id
    unit_code: str
    source: str
    source_label: str
    department_id: Id
    clause: str = ""
    description: str
    evidence: str = ""
    attachments: list[Id] = Field(default_factory=list)
    audit_plan_id: Id | None = None
    finding_id: Id | None = None
    raised_by: Id
    raised_at: datetime
    status: str
    status_label: str
    dossier_code: str | None = None
    action: CorrectiveActionContent | None = None
    approved_by: Id | None = None
    verified_by: Id | None = None
    closed_at: datetime | None = None
    reopened: int = 0
    due_date: date | None = None
    overdue: bool = False       # the corrective action is past its due date and not closed ("Quá hạn")
