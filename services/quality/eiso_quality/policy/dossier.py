"""What the dossier "Lập chính sách chất lượng" (type 1) does to a policy, step by step.

Step keys of the workflow's definition: "draft" (1, Thư ký ISO, "Trình duyệt"),
"approval" (2, Lãnh đạo đơn vị: Duyệt / Không duyệt / Bổ sung / Chưa chuyển),
"issue" (3, Thư ký ISO, "Ban hành", final). The kit applies the facts in the
workflow's order; these functions are the rules.
"""
from __future__ import annotations

from eiso_contracts.content import PolicyContent
from eiso_contracts.events.quality import PolicyRevised

from eiso_kit.dossiers import ArtefactType, Change

from . import repository
from .aggregate import APPROVED, CLOSED, REJECTED, RETURNED, SUBMITTED
from .issue import issue
from .submission import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def revise(change: Change) -> None:
    """An edit carried by the fact (the leader's, or the secretary's on resubmission) is a new revision."""
    policy, fact = change.artefact, change.fact
    revision = policy.revise(change.content, fact.actor_id, fact.at, fact.step_number)
    if revision is not None:
        change.emit(PolicyRevised(policy_id=policy.id, revision=revision.number, content=revision.content,
                                  revised_by=fact.actor_id, dossier_code=fact.dossier_code))


def approved(change: Change) -> None:
    change.artefact.status = APPROVED
    change.artefact.approved_by = change.fact.actor_id


def resubmitted(change: Change) -> None:
    change.artefact.status = SUBMITTED
    change.action = "resubmitted"


def returned(change: Change) -> None:
    change.artefact.status = RETURNED


def rejected(change: Change) -> None:
    change.artefact.status = REJECTED


def issued(change: Change) -> None:
    change.put_in_force("quality.policy.in_force", issue)  # completions of one unit apply one at a time


POLICY = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=repository,
    content=PolicyContent,
    revise=revise,
    closed=lambda policy: policy.status in CLOSED,
    on={
        ("approved", "draft"): resubmitted,     # Trình duyệt again after Bổ sung
        ("approved", "approval"): approved,     # Duyệt
        ("returned", None): returned,           # Bổ sung
        ("rejected", None): rejected,           # Không duyệt
        ("completed", None): issued,            # Ban hành (the final approval itself changes nothing)
    },
)
