"""Applying the workflow's facts about a policy's dossier, never moving backwards.

Each workflow event carries the dossier's version after the action. A policy
keeps the highest version it applied and ignores older events, so a retried or
reordered delivery cannot undo a newer state. Events of one action share a
version and must give the same result in any order: at the last step the
workflow publishes DossierApproved and DossierCompleted together, and it is the
completion that issues the policy (the approval of step "issue" changes nothing
but the text, if it carries an edit).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Literal

from eiso_contracts.content import PolicyContent
from eiso_contracts.events.base import EventData
from eiso_contracts.events.quality import (PolicyApproved, PolicyIssued, PolicyRejected, PolicyReturned,
                                           PolicyRevised)
from eiso_contracts.events.workflow import (DossierApproved, DossierCompleted, DossierOpened, DossierRejected,
                                            DossierReturned, DossierSaved)
from pydantic import ValidationError

from .policy import APPROVED, CLOSED, ISSUED, REJECTED, RETURNED, SUBMITTED, SUPERSEDED, Policy
from .submission import ARTEFACT_KIND, ARTEFACT_SERVICE

# Step keys of dossier type "1" (workflow definition "Lập chính sách chất lượng").
STEP_DRAFT = "draft"        # 1: Thư ký ISO, "Trình duyệt"
STEP_APPROVAL = "approval"  # 2: Lãnh đạo đơn vị, Duyệt / Không duyệt / Bổ sung / Chưa chuyển
STEP_ISSUE = "issue"        # 3: Thư ký ISO, "Ban hành" (final)

Kind = Literal["opened", "saved", "approved", "rejected", "returned", "completed"]

_KINDS: dict[type[EventData], Kind] = {
    DossierOpened: "opened",
    DossierSaved: "saved",
    DossierApproved: "approved",
    DossierRejected: "rejected",
    DossierReturned: "returned",
    DossierCompleted: "completed",
}


class InconsistentFact(RuntimeError):
    """A workflow fact that cannot be about this policy (other unit, other dossier, content it cannot hold)."""


@dataclass(frozen=True)
class DossierFact:
    """What the quality service needs of one workflow event about a policy's dossier."""

    kind: Kind
    policy_id: str
    unit_code: str
    dossier_code: str
    version: int
    actor_id: str
    at: datetime
    step_number: int | None = None
    step_key: str | None = None
    comment: str = ""
    content: PolicyContent | None = None

    @property
    def needs_policy_in_force(self) -> bool:
        """Completion issues the policy, which retires the unit's policy in force."""
        return self.kind == "completed"


def fact_from_event(data: EventData, at: datetime) -> DossierFact | None:
    """The fact in a workflow event, or None when the event is not about a quality policy."""
    kind = _KINDS.get(type(data))
    if kind is None:
        return None
    ref = data.dossier
    if ref.artefact.service != ARTEFACT_SERVICE or ref.artefact.kind != ARTEFACT_KIND:
        return None
    if isinstance(data, DossierOpened):
        actor_id, step = data.opened_by, None
    else:
        actor_id, step = data.actor_id, data.step
    raw = getattr(data, "content", None)
    try:
        content = None if raw is None else PolicyContent.model_validate(raw)
    except ValidationError as exc:
        raise InconsistentFact(f"dossier {ref.code} v{ref.version}: content is not a policy: {exc}") from exc
    return DossierFact(
        kind=kind, policy_id=ref.artefact.id, unit_code=ref.unit_code, dossier_code=ref.code,
        version=ref.version, actor_id=actor_id, at=at,
        step_number=step.number if step else None, step_key=step.key if step else None,
        comment=getattr(data, "comment", ""), content=content,
    )


@dataclass(frozen=True)
class Change:
    """One aggregate that changed, for saving and for the audit trail."""

    policy: Policy
    action: str
    before: dict
    after: dict


@dataclass
class Applied:
    changes: list[Change] = field(default_factory=list)   # in the order to store them
    events: list[EventData] = field(default_factory=list)  # public facts to emit, in order


def apply_fact(policy: Policy, fact: DossierFact, in_force: Policy | None = None) -> Applied:
    """Apply ``fact`` to ``policy``; ``in_force`` is the unit's policy in force (needed for completion).

    A fact older than the newest applied one changes nothing. The policy the
    unit had in force is retired before this one is issued, so ``changes``
    lists it first: stored in that order, a unit never has two in force.
    """
    _check_belongs(policy, fact)
    if fact.version < policy.dossier_version:
        return Applied()
    applied = Applied()
    before, status_before = policy.snapshot(), policy.status
    policy.dossier_code = fact.dossier_code
    policy.dossier_version = fact.version
    revised = False
    if fact.content is not None:
        revision = policy.revise(fact.content, fact.actor_id, fact.at, fact.step_number)
        if revision is not None:
            revised = True
            applied.events.append(PolicyRevised(policy_id=policy.id, revision=revision.number,
                                                content=revision.content, revised_by=fact.actor_id,
                                                dossier_code=fact.dossier_code))
    if policy.status not in CLOSED:
        _TRANSITIONS[fact.kind](policy, fact, in_force, applied)
    after = policy.snapshot()
    if after != before:
        applied.changes.append(Change(policy, _action(status_before, policy.status, revised, fact), before, after))
    return applied


def _check_belongs(policy: Policy, fact: DossierFact) -> None:
    if fact.policy_id != policy.id:
        raise InconsistentFact(f"dossier {fact.dossier_code} is about policy {fact.policy_id}, not {policy.id}")
    if fact.unit_code != policy.unit_code:
        raise InconsistentFact(f"dossier {fact.dossier_code} belongs to unit {fact.unit_code}, "
                               f"policy {policy.id} to unit {policy.unit_code}")
    if policy.dossier_code is not None and policy.dossier_code != fact.dossier_code:
        raise InconsistentFact(f"policy {policy.id} follows dossier {policy.dossier_code}, "
                               f"not {fact.dossier_code}")


def _action(status_before: str, status_after: str, revised: bool, fact: DossierFact) -> str:
    if status_after != status_before:
        return "resubmitted" if status_after == SUBMITTED else status_after
    return "revised" if revised else f"dossier_{fact.kind}"


def _unchanged(policy: Policy, fact: DossierFact, in_force: Policy | None, applied: Applied) -> None:
    """Opened (the dossier code is recorded above) and saved (Chưa chuyển: only the text may change)."""


def _approved(policy: Policy, fact: DossierFact, in_force: Policy | None, applied: Applied) -> None:
    if fact.step_key == STEP_APPROVAL:
        if policy.status != APPROVED:
            policy.status = APPROVED
            policy.approved_by = fact.actor_id
            applied.events.append(PolicyApproved(policy_id=policy.id, approved_by=fact.actor_id,
                                                 dossier_code=fact.dossier_code))
    elif fact.step_key == STEP_DRAFT:
        policy.status = SUBMITTED  # resubmitted after Bổ sung
    # STEP_ISSUE: DossierCompleted (same action, same version) issues the policy.


def _returned(policy: Policy, fact: DossierFact, in_force: Policy | None, applied: Applied) -> None:
    if policy.status != RETURNED:
        policy.status = RETURNED
        applied.events.append(PolicyReturned(policy_id=policy.id, returned_by=fact.actor_id,
                                             dossier_code=fact.dossier_code, comment=fact.comment))


def _rejected(policy: Policy, fact: DossierFact, in_force: Policy | None, applied: Applied) -> None:
    policy.status = REJECTED
    applied.events.append(PolicyRejected(policy_id=policy.id, rejected_by=fact.actor_id,
                                         dossier_code=fact.dossier_code, comment=fact.comment))


def _completed(policy: Policy, fact: DossierFact, in_force: Policy | None, applied: Applied) -> None:
    """Ban hành: the policy comes into force and the unit's previous one is superseded."""
    if in_force is not None and in_force.unit_code != policy.unit_code:
        raise ValueError("the policy in force of another unit was given")
    replaced = in_force if in_force is not None and in_force.id != policy.id else None
    policy.issued_by, policy.issued_at = fact.actor_id, fact.at
    if replaced is not None and replaced.issued_at is not None and replaced.issued_at > fact.at:
        # Completions of two dossiers handled out of order: the newer policy stays in force,
        # this one is on record as issued and already replaced. Nothing is announced as in force.
        policy.status = SUPERSEDED
        return
    if replaced is not None:
        before = replaced.snapshot()
        replaced.status = SUPERSEDED
        applied.changes.append(Change(replaced, "superseded", before, replaced.snapshot()))
    policy.status = ISSUED
    applied.events.append(PolicyIssued(
        policy_id=policy.id, unit_code=policy.unit_code, content=policy.content, issued_by=fact.actor_id,
        issued_at=fact.at, dossier_code=fact.dossier_code,
        replaces_policy_id=replaced.id if replaced is not None else None,
    ))


_TRANSITIONS: dict[str, Callable[[Policy, DossierFact, Policy | None, Applied], None]] = {
    "opened": _unchanged,
    "saved": _unchanged,
    "approved": _approved,
    "returned": _returned,
    "rejected": _rejected,
    "completed": _completed,
}
