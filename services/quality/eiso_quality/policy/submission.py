"""Submitting a policy draft: who may, and what the workflow is asked to open."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.content import PolicyContent
from eiso_contracts.dossier import ArtefactRef, DossierRequest
from eiso_contracts.errors import Forbidden
from eiso_contracts.events.quality import PolicySubmitted
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality import SubmitPolicy

from .policy import Policy, new_policy

DOSSIER_TYPE = "1"            # "Lập chính sách chất lượng"
ARTEFACT_SERVICE = "quality"
ARTEFACT_KIND = "policy"


def ensure_may_submit(actor: Actor) -> None:
    if not actor.has_role("secretary"):
        raise Forbidden("Chỉ Thư ký ISO được lập chính sách chất lượng.")


def title_of(content: PolicyContent) -> str:
    return f"Chính sách chất lượng năm {content.year}"


def draft(policy_id: str, cmd: SubmitPolicy, now: datetime) -> Policy:
    ensure_may_submit(cmd.actor)
    return new_policy(policy_id, cmd.actor.unit_code, cmd.content, cmd.actor.id, now, request_id=cmd.request_id)


def dossier_request(policy: Policy, cmd: SubmitPolicy) -> DossierRequest:
    """What the workflow opens: dossier type "1" about this policy, step 2 assigned as the form chose."""
    return DossierRequest(
        type_code=DOSSIER_TYPE,
        unit_code=policy.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=policy.id,
                             title=title_of(policy.content)),
        opened_by=policy.submitted_by,
        opened_by_department_id=cmd.actor.department_id,
        comment=cmd.comment,
        attachments=list(cmd.attachments),
        next=cmd.route,
    )


def submitted(policy: Policy, request: DossierRequest) -> PolicySubmitted:
    return PolicySubmitted(policy_id=policy.id, unit_code=policy.unit_code, content=policy.content,
                           submitted_by=policy.submitted_by, dossier_request=request)
