"""Facts the quality service publishes about quality policies.

Approval, return and rejection are the workflow's facts (``workflow.dossier.approved / returned /
rejected``, about artefact quality/policy); the quality service publishes only what is its own: the
submission (which asks for the dossier), each revision of the text, and the issue (in force).
"""
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
    # False when the workflow completed another dossier of the unit later and that one was applied first:
    # this policy was issued and is already replaced by ``superseded_by_policy_id``.
    in_force: bool = True
    superseded_by_policy_id: Id | None = None
