"""Submitting a policy draft: who may, and what the workflow is asked to open."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.content import PolicyContent
from eiso_contracts.dossier import ArtefactRef, DossierRequest
from eiso_contracts.errors import Forbidden
from eiso_contracts.events.quality import PolicySubmitted
from eiso_contracts.rpc.quality import SubmitPolicy

from .aggregate import Policy, new_policy

DOSSIER_TYPE = "1"            # "Lập chính sách chất lượng"
ARTEFACT_SERVICE = "quality"
ARTEFACT_KIND = "policy"


def title_of(content: PolicyContent) -> str:
    return f"Chính sách chất lượng năm {content.year}"


def draft(policy_id: str, cmd: SubmitPolicy, now: datetime) -> Policy:
    """The secretary's new policy (revision 1); only the ISO secretary drafts one."""
    if not cmd.actor.has_role("secretary"):
        raise Forbidden("Chỉ Thư ký ISO được lập chính sách chất lượng.")
    return new_policy(policy_id, cmd.actor.unit_code, cmd.content, cmd.actor.id, now)


def submitted(policy: Policy, cmd: SubmitPolicy) -> PolicySubmitted:
    """The event that asks the workflow to open dossier type "1" about this policy, step 2 routed as chosen."""
    request = DossierRequest(
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
    return PolicySubmitted(policy_id=policy.id, unit_code=policy.unit_code, content=policy.content,
                           submitted_by=policy.submitted_by, dossier_request=request)
