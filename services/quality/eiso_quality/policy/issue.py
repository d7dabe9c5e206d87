"""Ban hành: which policy is in force when dossiers complete, decided by the workflow's order."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.events.quality import PolicyIssued

from eiso_kit.dossiers import succession

from .aggregate import ISSUED, SUPERSEDED, Policy


def issue(policy: Policy, in_force: Policy | None, by: str, at: datetime) -> tuple[Policy | None, PolicyIssued]:
    """Issue ``policy`` (its dossier completed at ``at``); return the policy it retires, and the announcement.

    ``in_force`` is the unit's policy in force, read under the unit's lock. The
    dossier the workflow completed LATER stays in force (``eiso_kit.dossiers.succession``):
    a completion applied after a newer one is still announced (every completed
    dossier announces exactly one ``PolicyIssued``), as issued and already
    replaced (``in_force`` false, ``superseded_by_policy_id``).
    """
    order = succession(policy, in_force, at, completed_at=lambda other: other.issued_at)
    policy.issued_by, policy.issued_at = by, at
    policy.status = ISSUED if order.in_force else SUPERSEDED
    if order.retired is not None:
        order.retired.status = SUPERSEDED
    return order.retired, _issued(policy, order.in_force, order.replaces, order.superseded_by)


def _issued(policy: Policy, in_force: bool = True, replaces: str | None = None,
            superseded_by: str | None = None) -> PolicyIssued:
    return PolicyIssued(policy_id=policy.id, unit_code=policy.unit_code, content=policy.content,
                        issued_by=policy.issued_by, issued_at=policy.issued_at, dossier_code=policy.dossier_code,
                        replaces_policy_id=replaces, in_force=in_force, superseded_by_policy_id=superseded_by)
