"""RPC models of the context service's context analyses ("Bối cảnh tổ chức" → "Tổ chức và bối cảnh", ISO 4.1-4.4)."""
from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ..content import ContextAnalysisContent
from ..dossier import Assignment, Id
from .common import Actor, Model

# Labels of the list "Tổ chức và bối cảnh".
ANALYSIS_STATUSES: dict[str, str] = {
    "submitted": "Chưa phê duyệt",
    "approved": "Đã phê duyệt",
    "rejected": "Không duyệt",
    "applied": "Đang áp dụng",
}


class SubmitAnalysis(Model):
    """The secretary's analysis of one year and who approves it (Bước 2); ``request_id``: idempotency key."""

    actor: Actor
    content: ContextAnalysisContent
    route: Assignment
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class AnalysisRef(Model):
    """``get_analysis(analysis_id, actor)``: one analysis of the actor's unit."""

    analysis_id: Id
    actor: Actor


class ApplyAnalysis(Model):
    """``apply_analysis(analysis_id, actor)``: "Áp dụng" an approved analysis (the leader)."""

    analysis_id: Id
    actor: Actor


class AnalysisView(Model):
    id: Id
    unit_code: str
    year: int
    content: ContextAnalysisContent
    status: str
    status_label: str
    dossier_code: str | None = None
    submitted_by: Id
    submitted_at: datetime
    decided_by: Id | None = None          # who approved or refused it
    decided_at: datetime | None = None
    decision_comment: str = ""            # the reason of a refusal (Không duyệt)
    applied_by: Id | None = None
    applied_at: datetime | None = None
