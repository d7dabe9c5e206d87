"""nameko entrypoints of the context service: one line each (``eiso_kit.handlers`` parses and answers)."""
from __future__ import annotations

from eiso_contracts import topology
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context_analysis import AnalysisRef, ApplyAnalysis, SubmitAnalysis
from eiso_contracts.rpc.context import (ChangePassword, CreateDepartment, CreatePerson, Credentials,
                                        DepartmentRef, PeopleQuery, PeopleRef, PersonRef, ResetPassword,
                                        SessionRef, SetPersonActive, StartSession, UnitRef)
from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.dossiers import workflow_check
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report
from nameko.rpc import RpcProxy
from nameko.timer import timer

from . import administration, authentication, directory, seeding, sessions
from .analysis import handling as analyses
from .models import MIGRATIONS, metadata

FORGET_EXPIRED_EVERY = 3600  # seconds between deletions of expired sessions


class ContextService:
    """The organisation: units (Đơn vị), departments (Phòng ban), people, roles, credentials.

    Sign-in and sessions are asked by the gateway before anyone is signed in, and the directory by
    other services to check handlers: ``internal``. Administration changes data for a person: ``command``.
    """

    name = "context"
    db = Database(metadata, migrations=MIGRATIONS, prepare=seeding.prepare)  # demo data before any request
    workflow = RpcProxy("workflow")
    settings = ServiceSettings()

    @internal()
    def health(self):
        return report(self.name, database=self.db.health(), dossiers=analyses.FOLLOWER.health(self.db))

    # -- sign-in and sessions (the gateway keeps a session's secret in a signed cookie or an API token) --
    @internal(Credentials)
    def authenticate(self, credentials):
        """``Credentials`` -> ``PersonView``, or ``AuthenticationFailed``."""
        return authentication.authenticate(self.db, credentials)

    @internal(StartSession)
    def start_session(self, cmd):
        """``StartSession`` -> ``SessionStarted`` (secret, end, person), or ``AuthenticationFailed``."""
        return authentication.start_session(self.db, cmd)

    @internal(SessionRef)
    def check_session(self, ref):
        """The session's person as they are now (``PersonView``), or ``AuthenticationFailed`` once it ended."""
        return sessions.check(self.db, ref.token)

    @internal(SessionRef)
    def end_sessions(self, ref):
        """Sign out: every session of the token's person ends -> ``SessionsEnded``."""
        return sessions.end_all(self.db, ref.token)

    @command(ChangePassword)
    def change_password(self, cmd):
        return authentication.change_password(self.db, cmd)

    @timer(interval=FORGET_EXPIRED_EVERY)
    def forget_expired_sessions(self):
        sessions.forget_expired(self.db)

    # -- directory (read by the gateway and by other services) ----------------
    @internal(PersonRef)
    def get_person(self, ref):
        return directory.get_person(self.db, ref.person_id)

    @internal(PeopleRef)
    def get_people(self, ref):
        return directory.get_people(self.db, ref.person_ids)

    @internal(PeopleQuery)
    def list_people(self, query):
        """Active people of a unit; deactivated ones too only for an admin ``actor`` (verified)."""
        return directory.list_people(self.db, query)

    @internal(UnitRef)
    def get_unit(self, ref):
        return directory.get_unit(self.db, ref.unit_code)

    @internal()
    def list_units(self):
        return directory.list_units(self.db)

    @internal(UnitRef)
    def list_departments(self, ref):
        return directory.list_departments(self.db, ref.unit_code)

    @internal(DepartmentRef)
    def get_department(self, ref):
        return directory.get_department(self.db, ref.department_id)

    # -- administration (admins of the unit only) ---------------------------
    @command(CreateDepartment)
    def create_department(self, cmd):
        return administration.create_department(self.db, cmd)

    @command(CreatePerson)
    def create_person(self, cmd):
        return administration.create_person(self.db, cmd)

    @command(ResetPassword)
    def reset_password(self, cmd):
        return administration.reset_password(self.db, cmd)

    @command(SetPersonActive)
    def set_person_active(self, cmd):
        return administration.set_person_active(self.db, cmd)

    # -- context analyses: Bối cảnh tổ chức → Tổ chức và bối cảnh (manual section 1) ---------------
    @command(SubmitAnalysis)
    def submit_analysis(self, cmd):
        """SubmitAnalysis -> AnalysisView ("submitted"); the workflow opens dossier type 10 for the leader."""
        return analyses.submit(self.db, cmd, workflow_check(
            self.workflow, self.settings.service_rpc_timeout, analyses.WORKFLOW_SILENT))

    @query(AnalysisRef)
    def get_analysis(self, query):
        """AnalysisView of the actor's unit, or NotFound."""
        return analyses.one(self.db, query)

    @query(Actor)
    def list_analyses(self, actor):
        """The unit's analyses ("Tổ chức và bối cảnh"), newest year first."""
        return analyses.of_unit(self.db, actor)

    @query(Actor)
    def get_applied_analysis(self, actor):
        """The unit's applied analysis (Trang chủ), or None."""
        return analyses.applied(self.db, actor)

    @command(ApplyAnalysis)
    def apply_analysis(self, cmd):
        """Áp dụng (the leader): this approved analysis is the unit's one applied; AnalysisView."""
        return analyses.apply_one(self.db, cmd)

    @subscribe(topology.subscription("context", "dossier_progress"))
    def on_dossier_progress(self, received):
        """Follow the analyses' dossiers in the workflow's order: Phê duyệt, Không duyệt."""
        analyses.FOLLOWER.follow(self.db, received)

    @timer(interval=60, eager=True)
    def check_dossier_types(self):
        """At start (then every minute until the workflow answers): the step keys used here exist there."""
        analyses.FOLLOWER.check_definitions(self.workflow, self.settings.service_rpc_timeout)
