"""RPC models of the quality service: continuous improvement (ISO 10.3, "Cải tiến liên tục")."""
from __future__ import annotations

from datetime import datetime

from typing import ClassVar

from pydantic import Field

from ..content import ImprovementContent
from ..dossier import Id
from .common import Actor, Model

IMPROVEMENT_STATUSES: dict[str, str] = {
    "proposed": "Chờ phê duyệt",
    "approved": "Đã phê duyệt",
    "refused": "Không duyệt",
    "directed": "Đã chỉ đạo",
    "recorded": "Đã ghi nhận",
    "implemented": "Đã triển khai",
    "completed": "Hoàn thành",
}


class ProposeImprovement(Model):
    """"Đề xuất hoạt động cải tiến liên tục"."""

    field_titles: ClassVar[dict[str, str]] = {"title": "Tên đề xuất", "current_situation": "Thực trạng",
                                               "proposal": "Nội dung đề xuất", "expected_benefit": "Hiệu quả dự kiến",
                                               "department_id": "Phòng ban"}

    actor: Actor
    title: str = Field(min_length=1, max_length=300)
    current_situation: str = Field(min_length=1, max_length=4000)
    proposal: str = Field(min_length=1, max_length=4000)
    expected_benefit: str = Field(min_length=1, max_length=4000)
    department_id: Id
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class ImprovementRef(Model):
    actor: Actor
    improvement_id: Id


class RefuseImprovement(Model):
    """"Không duyệt" takes a reason."""

    field_titles: ClassVar[dict[str, str]] = {"reason": "Lý do không duyệt"}

    actor: Actor
    improvement_id: Id
    reason: str = Field(min_length=1, max_length=2000)


class ImprovementsQuery(Model):
    actor: Actor


class ImprovementView(Model):
    id: Id
    unit_code: str
    title: str
    current_situation: str
    proposal: str
    expected_benefit: str
    department_id: Id
    proposed_by: Id
    proposed_at: datetime
    status: str
    status_label: str
    decided_by: Id | None = None
    decided_at: datetime | None = None
    refusal_reason: str = ""
    dossier_code: str | None = None
    content: ImprovementContent | None = None
    completed_at: datetime | None = None
