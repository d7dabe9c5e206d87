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
    """The secretary's draft and who reviews it next (Bước 2).

    ``request_id``: an idempotency key the form generates once. RPC requests
    are delivered at least once (a crash before the reply redelivers them), so
    the same person sending the same ``request_id`` again gets the policy it
    created instead of a second one; the same key with other content is
    refused (422). The gateway puts an HTTP ``Idempotency-Key`` here.
    """

    actor: Actor
    content: PolicyContent
    route: Assignment
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class PolicyQuery(Model):
    """Arguments of ``get_policy(policy_id, actor)``: only a policy of the actor's unit is found."""

    policy_id: Id = Field(min_length=1, max_length=64)
    actor: Actor


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
