"""Áp dụng: exactly one applied analysis per unit, chosen by the leader among the approved ones."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.errors import Forbidden, InvalidInput
from eiso_contracts.events.context import AnalysisApplied
from eiso_contracts.rpc.common import Actor

from .aggregate import APPLIED, APPROVED, Analysis

ONLY_LEADER = "Chỉ Lãnh đạo đơn vị được áp dụng phân tích bối cảnh tổ chức."
NOT_APPROVED = "Chỉ áp dụng được phân tích bối cảnh đã được phê duyệt."


def check_may_apply(actor: Actor) -> None:
    if not actor.has_role("leader"):
        raise Forbidden(ONLY_LEADER)


def apply(analysis: Analysis, applied_now: Analysis | None, by: str, at: datetime) -> tuple[
        Analysis | None, AnalysisApplied | None]:
    """Apply ``analysis``; return the one it retires and the announcement (both None: it was applied already).

    ``applied_now`` is the unit's applied analysis, read under the unit's lock.
    """
    if analysis.status == APPLIED:
        return None, None
    if analysis.status != APPROVED:
        raise InvalidInput(NOT_APPROVED)
    if applied_now is not None and applied_now.unit_code != analysis.unit_code:
        raise ValueError("the applied analysis of another unit was given")
    retired = applied_now if applied_now is not None and applied_now.id != analysis.id else None
    if retired is not None:
        retired.status = APPROVED
    analysis.status, analysis.applied_by, analysis.applied_at = APPLIED, by, at
    return retired, AnalysisApplied(analysis_id=analysis.id, unit_code=analysis.unit_code, year=analysis.year,
                                    content=analysis.content, applied_by=by, applied_at=at,
                                    replaces_analysis_id=retired.id if retired else None)
