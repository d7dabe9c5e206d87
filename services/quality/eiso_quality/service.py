"""nameko entrypoints of the quality service: the quality policy (ISO 5.2), "Lập chính sách chất lượng"."""
from __future__ import annotations

import uuid

from eiso_contracts import topology
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.quality import PolicyRef, SubmitPolicy, UnitPolicies
from nameko.rpc import RpcProxy
from nameko.timer import timer

from eiso_kit.clock import utcnow
from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.dossiers import DossierFollower, submit
from eiso_kit.entrypoint import rpc
from eiso_kit.events.subscribe import subscribe
from eiso_kit.health import report
from eiso_kit.idempotency import with_key
from eiso_kit.rpc import call, dump, parse

from .models import MIGRATIONS, dossier_progress, metadata, requests
from .policy import repository, submission
from .policy.dossier import POLICY
from .policy.views import policy_view
# Quality objectives and their measurement (manual section 3): entrypoints in the kit's one shape, at the end.
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality_objectives import (DepartmentQuery, MeasurementQuery, ObjectivesRef,
                                                   RecordMeasurement, SetDepartmentObjectives, SubmitObjectives)
from eiso_kit.handlers import command, query
from .measurement import handling as measurement
from .objectives import handling as objectives
from .objectives.dossier import OBJECTIVES

NOT_FOUND = "Không tìm thấy chính sách chất lượng."
FOLLOWER = DossierFollower(dossier_progress, POLICY, OBJECTIVES)


class QualityService:
    """Quality policies: drafted and submitted by the ISO secretary, moved by the workflow's dossier."""

    name = "quality"
    db = Database(metadata, migrations=MIGRATIONS)
    workflow = RpcProxy("workflow")
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

    # -- Mục tiêu chất lượng hàng năm (manual section 3) ------------------------------------------
    @query(Actor)
    def list_policy_choices(self, actor):
        """"Chọn chính sách": the unit's issued policies, newest year first ([PolicyChoice])."""
        return objectives.policy_choices(self.db, actor)

    @command(SubmitObjectives)
    def submit_objectives(self, cmd):
        """SubmitObjectives -> ObjectivesView ("submitted"); the workflow opens dossier type 3."""
        return objectives.submit(self.db, cmd, self._check_objectives_route)

    @query(ObjectivesRef)
    def get_objectives(self, query):
        """One version of the actor's unit (ObjectivesView), or NotFound."""
        return objectives.one(self.db, query)

    @query(Actor)
    def list_objectives(self, actor):
        """Every version of the unit, newest year first ([ObjectivesView])."""
        return objectives.of_unit(self.db, actor)

    @query(Actor)
    def get_objectives_in_force(self, actor):
        """The unit's version in force (Trang chủ), or None."""
        return objectives.in_force(self.db, actor)

    # -- measurement per department ---------------------------------------------------------------
    @command(SetDepartmentObjectives)
    def set_department_objectives(self, cmd):
        """The department head's objectives of their department ([DepartmentObjectiveView])."""
        return measurement.set_objectives(self.db, cmd)

    @query(DepartmentQuery)
    def list_department_objectives(self, query):
        """Department objectives taken from the version in force ([DepartmentObjectiveView])."""
        return measurement.of_department(self.db, query)

    @command(RecordMeasurement)
    def record_measurement(self, cmd):
        """A measured % for a period, with cause and corrective action when missed (MeasurementView)."""
        return measurement.record(self.db, cmd)

    @query(MeasurementQuery)
    def measurement_report(self, query):
        """Target against measured over time, per department objective (MeasurementReport)."""
        return measurement.report(self.db, query)

    def _check_objectives_route(self, request: DossierRequest) -> None:
        call(self.workflow.validate_request, dump(request), timeout=self.settings.service_rpc_timeout,
             unavailable="Chưa trình được mục tiêu chất lượng: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau.")
