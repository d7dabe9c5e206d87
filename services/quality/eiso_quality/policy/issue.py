"""Ban hành: which policy is in force when dossiers complete, decided by the workflow's order."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.events.quality import PolicyIssued

from .aggregate import ISSUED, SUPERSEDED, Policy


def issue(policy: Policy, in_force: Policy | None, by: str, at: datetime) -> tuple[Policy | None, PolicyIssued]:
    """Issue ``policy`` (its dossier completed at ``at``); return the policy it retires, and the announcement.

    ``in_force`` is the unit's policy in force, read under the unit's lock. The
    dossier the workflow completed LATER stays in force, whichever handler
    runs first: a completion applied after a newer one is still announced
    (every completed dossier announces exactly one ``PolicyIssued``), as issued
    and already replaced (``in_force`` false, ``superseded_by_policy_id``).
    """
    if in_force is not None and in_force.unit_code != policy.unit_code:
        raise ValueError("the policy in force of another unit was given")
    other = in_force if in_force is not None and in_force.id != policy.id else None
    policy.issued_by, policy.issued_at = by, at
    if other is not None and other.issued_at is not None and other.issued_at > at:
        policy.status = SUPERSEDED
        return None, _issued(policy, in_force=False, superseded_by=other.id)
    if other is not None:
        other.status = SUPERSEDED
    policy.status = ISSUED
    return other, _issued(policy, replaces=other.id if other else None)


def _issued(policy: Policy, in_force: bool = True, replaces: str | None = None,
            superseded_by: str | None = None) -> PolicyIssued:
    return PolicyIssued(policy_id=policy.id, unit_code=policy.unit_code, content=policy.content,
                        issued_by=policy.issued_by, issued_at=policy.issued_at, dossier_code=policy.dossier_code,
                        replaces_policy_id=replaces, in_force=in_force, superseded_by_policy_id=superseded_by)
