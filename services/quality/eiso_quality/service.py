"""nameko entrypoints of the quality service: the quality policy (ISO 5.2), "Lập chính sách chất lượng"."""
from __future__ import annotations

import uuid

from eiso_contracts import topology
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.quality import PolicyRef, SubmitPolicy, UnitPolicies
from eiso_contracts.rpc.quality_improvement import (ImprovementRef, ImprovementsQuery, ProposeImprovement,
                                                    RefuseImprovement)
from eiso_contracts.rpc.quality_nonconformity import NonconformitiesQuery, NonconformityRef, RaiseNonconformity
from nameko.rpc import RpcProxy
from nameko.timer import timer

from eiso_kit.clock import utcnow
from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.dossiers import DossierFollower, submit
from eiso_kit.entrypoint import rpc
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, query
from eiso_kit.health import report
from eiso_kit.idempotency import with_key
from eiso_kit.rpc import call, dump, parse

from .improvement import actions as improvements
from .improvement.dossier import IMPROVEMENT
from .lookups import Lookups
from .models import MIGRATIONS, dossier_progress, metadata, requests
from .nonconformity import actions as nonconformities
from .nonconformity.dossier import NONCONFORMITY
from .policy import repository, submission
from .policy.dossier import POLICY
from .policy.views import policy_view

NOT_FOUND = "Không tìm thấy chính sách chất lượng."
FOLLOWER = DossierFollower(dossier_progress, POLICY, NONCONFORMITY, IMPROVEMENT)


class QualityService:
    """Quality policies: drafted and submitted by the ISO secretary, moved by the workflow's dossier."""

    name = "quality"
    db = Database(metadata, migrations=MIGRATIONS)
    workflow = RpcProxy("workflow")
    context = RpcProxy("context")
    settings = ServiceSettings()

    @rpc
    def health(self):
        """``{"service": "quality", "status": "ok", "checks": {"database": "ok", "dossiers": "ok"}}``"""
        return report(self.name, database=self.db.health(), dossiers=FOLLOWER.health(self.db))

    @rpc
    def submit_policy(self, payload, request_id=None):
        """SubmitPolicy -> PolicyView (status "submitted", revision 1); the workflow opens dossier type 1.

        The idempotency key may come in the payload or beside it (``request_id=``, as the gateway sends it).
        """
        cmd = parse(SubmitPolicy, with_key(payload, request_id))

        def draft():
            policy = submission.draft(uuid.uuid4().hex, cmd, utcnow())
            return policy, submission.submitted(policy, cmd)

        policy = submit(self.db, requests, POLICY, cmd, command="quality.submit_policy", key=cmd.request_id,
                        draft=draft, check_route=self._check_with_workflow)
        return dump(policy_view(policy))

    @rpc
    def get_policy(self, policy_id):
        """PolicyView with its revisions, or NotFound."""
        ref = parse(PolicyRef, {"policy_id": policy_id})
        with self.db.read() as session:
            policy = repository.get(session, ref.policy_id)
        if policy is None:
            raise NotFound(NOT_FOUND)
        return dump(policy_view(policy))

    @rpc
    def list_policies(self, unit_code):
        """The unit's policies, newest first (without revisions)."""
        query = parse(UnitPolicies, {"unit_code": unit_code})
        with self.db.read() as session:
            found = repository.of_unit(session, query.unit_code)
        return dump([policy_view(policy, revisions=False) for policy in found])

    @rpc
    def get_policy_in_force(self, unit_code):
        """The unit's policy in force (shown on the home page), or None."""
        query = parse(UnitPolicies, {"unit_code": unit_code})
        with self.db.read() as session:
            policy = repository.in_force(session, query.unit_code)
        return dump(policy_view(policy)) if policy is not None else None

    @subscribe(topology.QUALITY_DOSSIER_PROGRESS)
    def on_dossier_progress(self, received):
        """Follow the dossiers of quality policies, in the workflow's order: revise, approve, return, reject, issue."""
        FOLLOWER.follow(self.db, received)

    @timer(interval=60, eager=True)
    def check_dossier_types(self):
        """At start (then every minute until the workflow answers): the step keys used here exist there."""
        FOLLOWER.check_definitions(self.workflow, self.settings.service_rpc_timeout)

    def _check_with_workflow(self, request: DossierRequest) -> None:
        """The workflow checks the route (department, handler, deadline); its typed errors pass through."""
        call(self.workflow.validate_request, dump(request), timeout=self.settings.service_rpc_timeout,
             unavailable="Chưa trình được chính sách: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau.")

    # -- nonconformities and corrective actions (ISO 10.2) ----------------------------------------
    @property
    def lookups(self) -> Lookups:
        return Lookups(self.context, self.settings.service_rpc_timeout)

    @command(RaiseNonconformity)
    def raise_nonconformity(self, cmd):
        """"Báo cáo điểm không phù hợp" (anyone): its corrective-action dossier goes to the department's head."""
        return nonconformities.raise_(self.db, self.lookups, self.settings.timezone, cmd)

    @query(NonconformityRef)
    def get_nonconformity(self, query):
        """NonconformityView (with "Quá hạn"); NotFound outside the actor's unit."""
        return nonconformities.one(self.db, self.settings.timezone, query)

    @query(NonconformitiesQuery)
    def list_nonconformities(self, query):
        """The actor's unit's nonconformities, newest first (open ones only if asked)."""
        return nonconformities.of_unit(self.db, self.settings.timezone, query)

    @subscribe(topology.subscription("quality", "audit_findings"))
    def on_audit_finding(self, received):
        """A nonconformity found in an internal audit opens its corrective action (once per finding)."""
        nonconformities.from_finding(self.db, self.lookups, self.settings.timezone, received)

    @timer(interval=300, eager=True)
    def flag_overdue_actions(self):
        """Corrective actions past their due date are announced once ("Quá hạn" is shown at every read)."""
        return nonconformities.flag_overdue(self.db, self.settings.timezone)

    # -- continuous improvement (ISO 10.3) ----------------------------------------------------------
    @command(ProposeImprovement)
    def propose_improvement(self, cmd):
        """"Đề xuất hoạt động cải tiến liên tục" (anyone of the unit)."""
        return improvements.propose(self.db, self.lookups, cmd)

    @command(ImprovementRef)
    def approve_improvement(self, cmd):
        """The leader's "Phê duyệt": the improvement dossier opens with the leader for directions."""
        return improvements.approve(self.db, self.settings.timezone, cmd)

    @command(RefuseImprovement)
    def refuse_improvement(self, cmd):
        """The leader's "Không duyệt", with the reason."""
        return improvements.refuse(self.db, cmd)

    @query(ImprovementsQuery)
    def list_improvements(self, query):
        """The actor's unit's improvements, newest first."""
        return improvements.of_unit(self.db, query)

    @query(ImprovementRef)
    def get_improvement(self, query):
        """ImprovementView; NotFound outside the actor's unit."""
        return improvements.one(self.db, query)
