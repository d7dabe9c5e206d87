"""Facts the quality service publishes about quality policies."""
from __future__ import annotations

from datetime import datetime

from ..content import PolicyContent
from ..dossier import DossierRequest, Id
from .base import EventData


class PolicySubmitted(EventData):
    event_type = "quality.policy.submitted.v1"
    summary = "The ISO secretary submitted a quality policy draft; the workflow opens its dossier."
    policy_id: Id
    unit_code: str
    content: PolicyContent
    submitted_by: Id
    dossier_request: DossierRequest


class PolicyRevised(EventData):
    event_type = "quality.policy.revised.v1"
    summary = "The policy's motto or statements were edited during review."
    policy_id: Id
    revision: int
    content: PolicyContent
    revised_by: Id
    dossier_code: str


class PolicyApproved(EventData):
    event_type = "quality.policy.approved.v1"
    summary = "The unit leader approved the policy (Duyệt); it awaits issue."
    policy_id: Id
    approved_by: Id
    dossier_code: str


class PolicyReturned(EventData):
    event_type = "quality.policy.returned.v1"
    summary = "The policy was returned to its drafter for more information (Bổ sung)."
    policy_id: Id
    returned_by: Id
    dossier_code: str
    comment: str = ""


class PolicyRejected(EventData):
    event_type = "quality.policy.rejected.v1"
    summary = "The unit leader rejected the policy (Không duyệt)."
    policy_id: Id
    rejected_by: Id
    dossier_code: str
    comment: str = ""


class PolicyIssued(EventData):
    event_type = "quality.policy.issued.v1"
    summary = "The policy was issued (ban hành) and is now in force for its unit."
    policy_id: Id
    unit_code: str
    content: PolicyContent
    issued_by: Id
    issued_at: datetime
    dossier_code: str
    replaces_policy_id: Id | None = None
