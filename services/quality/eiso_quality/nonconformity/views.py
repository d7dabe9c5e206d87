"""Nonconformities as the RPC answers them (with the overdue flag of today)."""
from __future__ import annotations

from datetime import date

from eiso_contracts.rpc.quality_nonconformity import (NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES,
                                                      NonconformityView)

from .aggregate import Nonconformity


def nonconformity_view(nc: Nonconformity, today: date) -> NonconformityView:
    return NonconformityView(
        id=nc.id, unit_code=nc.unit_code, source=nc.source, source_label=NONCONFORMITY_SOURCES[nc.source],
        department_id=nc.department_id, clause=nc.clause, description=nc.description, evidence=nc.evidence,
        attachments=list(nc.attachments), audit_plan_id=nc.audit_plan_id, finding_id=nc.finding_id,
        raised_by=nc.raised_by, raised_at=nc.raised_at, status=nc.status,
        status_label=NONCONFORMITY_STATUSES[nc.status], dossier_code=nc.dossier_code, action=nc.action,
        approved_by=nc.approved_by, verified_by=nc.verified_by, closed_at=nc.closed_at, reopened=nc.reopened,
        due_date=nc.due_date, overdue=nc.is_overdue(today))
