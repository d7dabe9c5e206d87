"""Analyses as the RPC answers them."""
from __future__ import annotations

from eiso_contracts.rpc.context_analysis import ANALYSIS_STATUSES, AnalysisView

from .aggregate import Analysis


def analysis_view(analysis: Analysis) -> AnalysisView:
    return AnalysisView(
        id=analysis.id, unit_code=analysis.unit_code, year=analysis.year, content=analysis.content,
        status=analysis.status, status_label=ANALYSIS_STATUSES[analysis.status], dossier_code=analysis.dossier_code,
        submitted_by=analysis.submitted_by, submitted_at=analysis.submitted_at, decided_by=analysis.decided_by,
        decided_at=analysis.decided_at, decision_comment=analysis.decision_comment,
        applied_by=analysis.applied_by, applied_at=analysis.applied_at,
    )
