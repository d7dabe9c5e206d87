"""nameko entrypoints of the context service: one line each (``eiso_kit.handlers`` parses and answers)."""
from __future__ import annotations

from eiso_contracts.rpc.context import (ChangePassword, CreateDepartment, CreatePerson, Credentials,
                                        DepartmentRef, PeopleQuery, PeopleRef, PersonRef, ResetPassword,
                                        SessionRef, SetPersonActive, StartSession, UnitRef)
from eiso_kit.db import Database
from eiso_kit.handlers import command, internal
from eiso_kit.health import report
from nameko.timer import timer

from . import administration, authentication, directory, seeding, sessions
from .models import MIGRATIONS, metadata

FORGET_EXPIRED_EVERY = 3600  # seconds between deletions of expired sessions


class ContextService:
    """The organisation: units (Đơn vị), departments (Phòng ban), people, roles, credentials.

    Sign-in and sessions are asked by the gateway before anyone is signed in, and the directory by
    other services to check handlers: ``internal``. Administration changes data for a person: ``command``.
    """

    name = "context"
    db = Database(metadata, migrations=MIGRATIONS, prepare=seeding.prepare)  # demo data before any request

    @internal()
    def health(self):
        return report(self.name, database=self.db.health())

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
