"""Changing policies: the secretary's submission (the dossier moves it afterwards, see ``dossier``)."""
from __future__ import annotations

import uuid

from eiso_contracts.rpc.quality import SubmitPolicy

from eiso_kit.clock import utcnow
from eiso_kit.dossiers import submit as submit_artefact
from eiso_kit.dossiers import workflow_check

from ..models import requests
from . import submission
from .dossier import POLICY
from .views import policy_view

WORKFLOW_SILENT = "Chưa trình được chính sách: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau."


def submit(svc, cmd: SubmitPolicy):
    """A new policy (status "submitted", revision 1); the workflow opens dossier type 1 from its event.

    The same idempotency key (``request_id``) from the same person returns the policy it created.
    """
    def draft():
        policy = submission.draft(uuid.uuid4().hex, cmd, utcnow())
        return policy, submission.submitted(policy, cmd)

    check_route = workflow_check(svc.workflow, svc.settings.service_rpc_timeout, WORKFLOW_SILENT)
    policy = submit_artefact(svc.db, requests, POLICY, cmd, command="quality.submit_policy", key=cmd.request_id,
                             draft=draft, check_route=check_route)
    return policy_view(policy)
