"""Improvements as the RPC answers them."""
from __future__ import annotations

from eiso_contracts.rpc.quality_improvement import IMPROVEMENT_STATUSES, ImprovementView

from .aggregate import Improvement


def improvement_view(item: Improvement) -> ImprovementView:
    return ImprovementView(
        id=item.id, unit_code=item.unit_code, title=item.title, current_situation=item.current_situation,
        proposal=item.proposal, expected_benefit=item.expected_benefit, department_id=item.department_id,
        proposed_by=item.proposed_by, proposed_at=item.proposed_at, status=item.status,
        status_label=IMPROVEMENT_STATUSES[item.status], decided_by=item.decided_by, decided_at=item.decided_at,
        refusal_reason=item.refusal_reason, dossier_code=item.dossier_code, content=item.content,
        completed_at=item.completed_at)
