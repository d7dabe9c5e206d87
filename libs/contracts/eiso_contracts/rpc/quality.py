"""RPC models of the quality service (quality policy slice)."""
from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ..content import PolicyContent
from ..dossier import Assignment, Id
from .common import Actor, Model

POLICY_STATUSES: dict[str, str] = {
    "submitted": "Trình duyệt",
    "returned": "Bổ sung",
    "approved": "Đã duyệt",
    "rejected": "Không duyệt",
    "issued": "Đang áp dụng",
    "superseded": "Hết hiệu lực",
}


class SubmitPolicy(Model):
    """The secretary's draft and who reviews it next (Bước 2)."""

    actor: Actor
    content: PolicyContent
    route: Assignment
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)


class PolicyRevisionView(Model):
    revision: int
    content: PolicyContent
    revised_by: Id
    revised_at: datetime
    dossier_step: int | None = None


class PolicyView(Model):
    id: Id
    unit_code: str
    content: PolicyContent
    status: str
    status_label: str
    revision: int
    dossier_code: str | None = None
    submitted_by: Id
    submitted_at: datetime
    approved_by: Id | None = None
    issued_by: Id | None = None
    issued_at: datetime | None = None
    revisions: list[PolicyRevisionView] = Field(default_factory=list)
