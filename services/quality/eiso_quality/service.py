"""nameko entrypoints of the quality service: one line each (``eiso_kit.handlers`` parses and answers).

The quality policy (ISO 5.2, "Lập chính sách chất lượng") lives in ``policy/``.
"""
from __future__ import annotations

from eiso_contracts import topology
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality import PolicyQuery, SubmitPolicy
from eiso_contracts.rpc.quality_objectives import (DepartmentQuery, MeasurementQuery, ObjectivesRef,
                                                   RecordMeasurement, SetDepartmentObjectives, SubmitObjectives)
from eiso_contracts.rpc.quality_improvement import (ImprovementRef, ImprovementsQuery, ProposeImprovement,
                                                    RefuseImprovement)
from eiso_contracts.rpc.quality_nonconformity import NonconformitiesQuery, NonconformityRef, RaiseNonconformity
from nameko.rpc import RpcProxy
from nameko.timer import timer

from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.dossiers import DossierFollower, workflow_check
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report

from .improvement import actions as improvements
from .improvement.dossier import IMPROVEMENT
from .lookups import Lookups
from .measurement import handling as measurement
from .models import MIGRATIONS, dossier_progress, metadata
from .nonconformity import actions as nonconformities
from .nonconformity.dossier import NONCONFORMITY
from .objectives import handling as objectives
from .objectives.dossier import OBJECTIVES
from .policy import commands, reads
from .policy.dossier import POLICY

FOLLOWER = DossierFollower(dossier_progress, POLICY, OBJECTIVES, NONCONFORMITY, IMPROVEMENT)


class QualityService:
    """Quality policy (5.2), nonconformities and corrective actions (10.2), continuous improvement (10.3):
    each an artefact moved by its dossier in the workflow, each in its own package."""

    name = "quality"
    db = Database(metadata, migrations=MIGRATIONS)
    workflow = RpcProxy("workflow")
    context = RpcProxy("context")
    settings = ServiceSettings()

    @internal()
    def health(self):
        """``{"service": "quality", "status": "ok", "checks": {"database": "ok", "dossiers": "ok"}}``"""
        return report(self.name, database=self.db.health(), dossiers=FOLLOWER.health(self.db))

    # -- quality policy ------------------------------------------------------
    @command(SubmitPolicy)
    def submit_policy(self, cmd):
        """SubmitPolicy -> PolicyView (status "submitted"); idempotent per person with ``request_id``."""
        return commands.submit(self, cmd)

    @query(PolicyQuery)
    def get_policy(self, query):
        """PolicyView with its revisions; NotFound (also for another unit's policy)."""
        return reads.one(self.db, query)

    @query(Actor)
    def list_policies(self, actor):
        """The person's unit's policies, newest first (without revisions)."""
        return reads.of_unit(self.db, actor)

    @query(Actor)
    def get_policy_in_force(self, actor):
        """The unit's policy in force (shown on the home page), or None."""
        return reads.in_force(self.db, actor)

    # -- the dossiers of its artefacts ----------------------------------------
    @subscribe(topology.QUALITY_DOSSIER_PROGRESS)
    def on_dossier_progress(self, received):
        """Follow the dossiers of quality policies, in the workflow's order: revise, approve, return, reject, issue."""
        FOLLOWER.follow(self.db, received)

    @timer(interval=60, eager=True)
    def check_dossier_types(self):
        """At start (then every minute until the workflow answers): the step keys used here exist there."""
        FOLLOWER.check_definitions(self.workflow, self.settings.service_rpc_timeout)

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

    # -- Mục tiêu chất lượng hàng năm (manual section 3) ------------------------------------------
    @query(Actor)
    def list_policy_choices(self, actor):
        """"Chọn chính sách": the unit's issued policies, newest year first ([PolicyChoice])."""
        return objectives.policy_choices(self.db, actor)

    @command(SubmitObjectives)
    def submit_objectives(self, cmd):
        """SubmitObjectives -> ObjectivesView ("submitted"); the workflow opens dossier type 3."""
        return objectives.submit(self.db, cmd, workflow_check(
            self.workflow, self.settings.service_rpc_timeout, objectives.WORKFLOW_SILENT))

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
