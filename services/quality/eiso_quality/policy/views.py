"""Domain objects as the RPC answers the gateway shows."""
from __future__ import annotations

from eiso_contracts.rpc.quality import POLICY_STATUSES, PolicyRevisionView, PolicyView

from .aggregate import Policy


def policy_view(policy: Policy, revisions: bool = True) -> PolicyView:
    return PolicyView(
        id=policy.id, unit_code=policy.unit_code, content=policy.content, status=policy.status,
        status_label=POLICY_STATUSES[policy.status], revision=policy.revision, dossier_code=policy.dossier_code,
        submitted_by=policy.submitted_by, submitted_at=policy.submitted_at, approved_by=policy.approved_by,
        issued_by=policy.issued_by, issued_at=policy.issued_at,
        revisions=[PolicyRevisionView(revision=r.number, content=r.content, revised_by=r.revised_by,
                                      revised_at=r.revised_at, dossier_step=r.dossier_step)
                   for r in policy.revisions] if revisions else [],
    )
