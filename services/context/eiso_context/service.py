"""nameko entrypoints of the context service: parse, call the use case, dump."""
from __future__ import annotations

from eiso_contracts.errors import EisoError
from eiso_contracts.rpc.context import (ChangePassword, CreateDepartment, CreatePerson, Credentials,
                                        DepartmentRef, PeopleQuery, PeopleRef, PersonRef, ResetPassword,
                                        SessionRef, SetPersonActive, StartSession, UnitRef)
from eiso_kit.db import Database
from eiso_kit.health import report
from eiso_kit.rpc import dump, parse
from eiso_kit.entrypoint import rpc
from nameko.timer import timer

from . import administration, authentication, directory, sessions
# Context analyses (manual section 1): entrypoints in the kit's one shape, at the end of the class.
from eiso_contracts import topology
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context_analysis import AnalysisRef, ApplyAnalysis, SubmitAnalysis
from eiso_kit.config import ServiceSettings
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, query
from eiso_kit.rpc import call
from nameko.rpc import RpcProxy

from .analysis import handling as analyses
from .inputs import parse_secret
from .models import MIGRATIONS, metadata
from . import seeding

# Typed refusals (wrong password, forbidden, bad input) are answers, logged as warnings, not errors.
REFUSALS = EisoError
FORGET_EXPIRED_EVERY = 3600  # seconds between deletions of expired sessions


class ContextService:
    """The organisation: units (Đơn vị), departments (Phòng ban), people, roles, credentials."""

    name = "context"
    db = Database(metadata, migrations=MIGRATIONS, prepare=seeding.prepare)  # demo data before any request

    @rpc
    def health(self):
        return report(self.name, database=self.db.health())

    # -- login ------------------------------------------------------------
    @rpc(expected_exceptions=REFUSALS)
    def authenticate(self, credentials):
        """``Credentials`` -> ``PersonView``, or ``AuthenticationFailed``."""
        return dump(authentication.authenticate(self.db, parse_secret(Credentials, credentials)))

    @rpc(expected_exceptions=REFUSALS)
    def change_password(self, cmd):
        return dump(authentication.change_password(self.db, parse_secret(ChangePassword, cmd)))

    # -- sessions (the gateway keeps their secret in a signed cookie or an API token) ------------
    @rpc(expected_exceptions=REFUSALS)
    def start_session(self, cmd):
        """``StartSession`` -> ``SessionStarted`` (secret, end, person), or ``AuthenticationFailed``."""
        return dump(authentication.start_session(self.db, parse_secret(StartSession, cmd)))

    @rpc(expected_exceptions=REFUSALS)
    def check_session(self, token):
        """The session's person as they are now (``PersonView``), or ``AuthenticationFailed`` once it ended."""
        return dump(sessions.check(self.db, parse_secret(SessionRef, {"token": token}).token))

    @rpc(expected_exceptions=REFUSALS)
    def end_sessions(self, token):
        """Sign out: every session of the token's person ends -> ``SessionsEnded``."""
        return dump(sessions.end_all(self.db, parse_secret(SessionRef, {"token": token}).token))

    @timer(interval=FORGET_EXPIRED_EVERY)
    def forget_expired_sessions(self):
        sessions.forget_expired(self.db)

    # -- directory --------------------------------------------------------
    @rpc(expected_exceptions=REFUSALS)
    def get_person(self, person_id):
        return dump(directory.get_person(self.db, parse(PersonRef, {"person_id": person_id}).person_id))

    @rpc(expected_exceptions=REFUSALS)
    def get_people(self, person_ids):
        return dump(directory.get_people(self.db, parse(PeopleRef, {"person_ids": person_ids}).person_ids))

    @rpc(expected_exceptions=REFUSALS)
    def list_people(self, query):
        return dump(directory.list_people(self.db, parse(PeopleQuery, query)))

    @rpc(expected_exceptions=REFUSALS)
    def get_unit(self, code):
        return dump(directory.get_unit(self.db, parse(UnitRef, {"unit_code": code}).unit_code))

    @rpc(expected_exceptions=REFUSALS)
    def list_units(self):
        return dump(directory.list_units(self.db))

    @rpc(expected_exceptions=REFUSALS)
    def list_departments(self, unit_code):
        return dump(directory.list_departments(self.db, parse(UnitRef, {"unit_code": unit_code}).unit_code))

    @rpc(expected_exceptions=REFUSALS)
    def get_department(self, department_id):
        ref = parse(DepartmentRef, {"department_id": department_id})
        return dump(directory.get_department(self.db, ref.department_id))

    # -- administration (admins of the unit only) ---------------------------
    @rpc(expected_exceptions=REFUSALS)
    def create_department(self, cmd):
        return dump(administration.create_department(self.db, parse(CreateDepartment, cmd)))

    @rpc(expected_exceptions=REFUSALS)
    def create_person(self, cmd):
        return dump(administration.create_person(self.db, parse_secret(CreatePerson, cmd)))

    @rpc(expected_exceptions=REFUSALS)
    def reset_password(self, cmd):
        return dump(administration.reset_password(self.db, parse_secret(ResetPassword, cmd)))

    @rpc(expected_exceptions=REFUSALS)
    def set_person_active(self, actor, person_id, active):
        cmd = parse(SetPersonActive, {"actor": actor, "person_id": person_id, "active": active})
        return dump(administration.set_person_active(self.db, cmd))

    # -- context analyses: Bối cảnh tổ chức → Tổ chức và bối cảnh (manual section 1) ---------------
    workflow = RpcProxy("workflow")
    settings = ServiceSettings()

    @command(SubmitAnalysis)
    def submit_analysis(self, cmd):
        """SubmitAnalysis -> AnalysisView ("submitted"); the workflow opens dossier type 10 for the leader."""
        return analyses.submit(self.db, cmd, self._check_route)

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

    def _check_route(self, request: DossierRequest) -> None:
        """The workflow checks the route (department, handler, deadline); its typed errors pass through."""
        call(self.workflow.validate_request, dump(request), timeout=self.settings.service_rpc_timeout,
             unavailable="Chưa trình được phân tích bối cảnh: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau.")
