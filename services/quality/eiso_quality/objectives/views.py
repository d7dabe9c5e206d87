"""Versions of the objectives as the RPC answers them, with the policy they belong to."""
from __future__ import annotations

from eiso_contracts.rpc.quality_objectives import OBJECTIVES_STATUSES, ObjectivesView, PolicyChoice

from ..policy.aggregate import Policy
from .aggregate import Objectives


def policy_choice(policy: Policy) -> PolicyChoice:
    return PolicyChoice(id=policy.id, year=policy.content.year, motto=policy.content.motto,
                        statements=list(policy.content.statements), status=policy.status)


def objectives_view(objectives: Objectives, number: int, policies: dict[str, Policy]) -> ObjectivesView:
    policy = policies.get(objectives.content.policy_id)
    return ObjectivesView(
        id=objectives.id, unit_code=objectives.unit_code, year=objectives.year, number=number,
        content=objectives.content, status=objectives.status, status_label=OBJECTIVES_STATUSES[objectives.status],
        revision=objectives.revision, policy=policy_choice(policy) if policy is not None else None,
        dossier_code=objectives.dossier_code, submitted_by=objectives.submitted_by,
        submitted_at=objectives.submitted_at, approved_by=objectives.approved_by,
        recorded_by=objectives.recorded_by, recorded_at=objectives.recorded_at,
    )
