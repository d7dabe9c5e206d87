"""nameko entrypoints of the audit service: internal audits (ISO 9.2).

Each entrypoint is one line: the request model is parsed and its actor verified by
``eiso_kit.handlers``; the rules live in the aggregate packages (``programme``,
``plan``, ``finding``, ``report``), whose ``actions`` modules do the work.
"""

from eiso_contracts.rpc.audit import (AnswerChecklist, ApproveProgramme, DraftProgramme, IssueReport, PlanAudit,
                                      PlanRef, PlansQuery, ProgrammeQuery, RecordFinding)
from nameko.rpc import RpcProxy

from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report

from .directory import Directory
from .finding import actions as findings
from .models import MIGRATIONS, metadata
from .plan import actions as plans
from .programme import actions as programmes
from .report import actions as reports


class AuditService:
    """The year's audit programme, audit plans with their checklists, findings and reports."""

    name = "audit"
    db = Database(metadata, migrations=MIGRATIONS)
    context = RpcProxy("context")
    settings = ServiceSettings()

    @internal()
    def health(self):
        """``{"service": "audit", "status": "ok", "checks": {"database": "ok"}}``"""
        return report(self.name, database=self.db.health())

    @property
    def directory(self) -> Directory:
        return Directory(self.context, self.settings.service_rpc_timeout)

    # -- the year's programme ("Chương trình đánh giá") ------------------------------------------
    @query(ProgrammeQuery)
    def get_programme(self, query):
        """ProgrammeView of the actor's unit for the year (approved + pending revision, progress), or None."""
        return programmes.get(self.db, query)

    @command(DraftProgramme)
    def draft_programme(self, cmd):
        """The secretary saves the grid: the pending revision (a new one after an approval)."""
        return programmes.draft(self.db, self.directory, cmd)

    @command(ApproveProgramme)
    def approve_programme(self, cmd):
        """The leader's "Phê duyệt" of the pending revision they saw."""
        return programmes.approve(self.db, cmd)

    # -- audits: plan, checklist, findings, report -------------------------------------------------
    @command(PlanAudit)
    def plan_audit(self, cmd):
        """"Lập kế hoạch đánh giá"; the lead auditor and team are internal auditors outside the audited departments."""
        return plans.plan(self.db, self.directory, cmd)

    @query(PlansQuery)
    def list_audits(self, query):
        """The actor's unit's audits (of a year, if given), by date."""
        return plans.of_unit(self.db, query)

    @query(PlanRef)
    def get_audit(self, query):
        """One audit with its checklist, findings and report; NotFound outside the actor's unit."""
        return plans.one(self.db, query)

    @command(AnswerChecklist)
    def answer_checklist(self, cmd):
        """An auditor of the team answers one question of the checklist."""
        return plans.answer(self.db, cmd)

    @command(RecordFinding)
    def record_finding(self, cmd):
        """An auditor of the team records a finding (a nonconformity opens a corrective action, by event)."""
        return findings.record(self.db, cmd)

    @command(IssueReport)
    def issue_report(self, cmd):
        """The lead auditor issues the report: a Word document kept with the audit."""
        return reports.issue(self.db, self.directory, self.settings.timezone, cmd)

    @query(PlanRef)
    def get_report(self, query):
        """The audit report's Word document (base64) for anyone of the unit."""
        return reports.download(self.db, query)
