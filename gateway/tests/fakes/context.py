"""The context service: people, departments, credentials of unit SONGANH (and one person of another unit)."""
from __future__ import annotations

import secrets
import threading
from datetime import datetime, timedelta, timezone

from eiso_contracts.errors import AuthenticationFailed, Conflict, Forbidden, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context import (
    ChangePassword, CreateDepartment, CreatePerson, Credentials, DepartmentView, PeopleQuery, PersonView,
    ResetPassword, SessionRef, SessionsEnded, SessionStarted, StartSession, UnitView,
)
from eiso_kit.rpc import parse

from .analyses import AnalysesMixin
from .rpc import rpc
from .seed import PASSWORD, UNIT, UNIT_NAME


class FakeContext(AnalysesMixin):
    def __init__(self):
        # credentials_version per person: raised by a password change or reset and by (de)activation.
        self.versions: dict[str, int] = {}
        self.departments: dict[str, DepartmentView] = {}
        self.people: dict[str, PersonView] = {}
        self.passwords: dict[str, str] = {}
        self.sessions: dict[str, tuple[str, str]] = {}  # session secret -> (person id, kind)
        self.lock = threading.Lock()

    # -- seeding and test helpers ---------------------------------------------------------------
    def add_department(self, id, code, name, sort_order=0, unit=UNIT):
        self.departments[id] = DepartmentView(id=id, unit_code=unit, code=code, name=name, sort_order=sort_order)

    def add_person(self, pid, username, name, title, dept, roles, active=True):
        department = self.departments[dept]
        self.people[pid] = PersonView(
            id=pid, username=username, full_name=name, title=title, unit_code=department.unit_code,
            unit_name=UNIT_NAME if department.unit_code == UNIT else "Đơn vị khác", department_id=dept,
            department_name=department.name, roles=roles, active=active)
        self.passwords[username] = PASSWORD

    def _out(self, person: PersonView) -> PersonView:
        """A person as the context service answers: with their current credentials_version."""
        return person.model_copy(update={"credentials_version": self.versions.get(person.id, 0)})

    def bump_version(self, person_id: str) -> None:
        self.versions[person_id] = self.versions.get(person_id, 0) + 1

    def person_by_username(self, username: str) -> PersonView:
        return next(p for p in self.people.values() if p.username == username)

    def _admin(self, actor: Actor):
        if "admin" not in actor.roles:
            raise Forbidden("Chỉ quản trị hệ thống được thực hiện thao tác này.")

    # -- RPC ------------------------------------------------------------------------------------
    @rpc
    def health(self):
        return {"service": "context", "status": "ok", "checks": {"database": "ok"}}

    @rpc
    def authenticate(self, credentials):
        creds = parse(Credentials, credentials)
        person = next((p for p in self.people.values() if p.username == creds.username), None)
        if person is None or self.passwords.get(creds.username) != creds.password or not person.active:
            raise AuthenticationFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
        return self._out(person)

    # Sessions as the context service keeps them: a secret per sign-in, ended on the server.
    @rpc
    def start_session(self, cmd):
        c = parse(StartSession, cmd)
        person = self.authenticate({"username": c.username, "password": c.password})
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.sessions[token] = (person.id, c.kind)
        return SessionStarted(token=token, expires_at=datetime.now(timezone.utc) + timedelta(hours=8), person=person)

    @rpc
    def check_session(self, token):
        ref = parse(SessionRef, {"token": token})
        person_id = self.sessions.get(ref.token, (None, None))[0]
        if person_id is None or not self.people[person_id].active:
            raise AuthenticationFailed("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.")
        return self._out(self.people[person_id])

    @rpc
    def end_sessions(self, token):
        ref = parse(SessionRef, {"token": token})
        person_id = self.sessions.get(ref.token, (None, None))[0]
        return SessionsEnded(ended=self.end_sessions_of(person_id) if person_id else 0)

    def end_sessions_of(self, person_id: str, keep: str | None = None) -> int:
        with self.lock:
            ended = [t for t, (pid, _) in self.sessions.items() if pid == person_id and t != keep]
            for token in ended:
                del self.sessions[token]
        return len(ended)

    @rpc
    def get_person(self, person_id):
        if person_id not in self.people:
            raise NotFound("Không tìm thấy người dùng.")
        return self._out(self.people[person_id])

    @rpc
    def get_people(self, person_ids):
        return [self._out(self.people[i]) for i in person_ids if i in self.people]

    @rpc
    def list_people(self, query):
        q = parse(PeopleQuery, query)
        if q.include_inactive and (q.actor is None or q.actor.unit_code != q.unit_code):
            raise Forbidden("Chỉ quản trị hệ thống của đơn vị được xem tài khoản đã khóa.")
        if q.include_inactive:
            self._admin(q.actor)
        found = [p for p in self.people.values()
                 if p.unit_code == q.unit_code and (p.active or q.include_inactive)]  # active only by default
        if q.role:
            found = [p for p in found if q.role in p.roles]
        if q.department_id:
            found = [p for p in found if p.department_id == q.department_id]
        return [self._out(p) for p in found]

    @rpc
    def list_departments(self, unit_code):
        return [d for d in self.departments.values() if d.unit_code == unit_code]

    @rpc
    def get_unit(self, code):
        if code != UNIT:
            raise NotFound("Không tìm thấy đơn vị.")
        return UnitView(code=UNIT, name=UNIT_NAME)

    @rpc
    def create_department(self, cmd):
        c = parse(CreateDepartment, cmd)
        self._admin(c.actor)
        if any(d.code == c.code and d.unit_code == c.actor.unit_code for d in self.departments.values()):
            raise Conflict("Mã phòng ban đã tồn tại.")
        self.add_department(f"d-{c.code.lower()}", c.code, c.name, len(self.departments) + 1, c.actor.unit_code)
        return self.departments[f"d-{c.code.lower()}"]

    @rpc
    def create_person(self, cmd):
        c = parse(CreatePerson, cmd)
        self._admin(c.actor)
        if any(p.username == c.username for p in self.people.values()):
            raise Conflict("Tên đăng nhập đã tồn tại.")
        pid = f"p-{c.username}"
        self.add_person(pid, c.username, c.full_name, c.title, c.department_id, c.roles)
        self.passwords[c.username] = c.password
        return self.people[pid]

    @rpc
    def reset_password(self, cmd):
        c = parse(ResetPassword, cmd)
        self._admin(c.actor)
        self.get_person(c.person_id)  # NotFound for an unknown person
        self.passwords[self.people[c.person_id].username] = c.new_password
        self.bump_version(c.person_id)
        self.end_sessions_of(c.person_id)
        return None

    @rpc
    def set_person_active(self, actor, person_id, active):
        self._admin(parse(Actor, actor))
        self.get_person(person_id)  # NotFound for an unknown person
        self.people[person_id] = self.people[person_id].model_copy(update={"active": bool(active)})
        self.bump_version(person_id)
        self.end_sessions_of(person_id)
        return self._out(self.people[person_id])

    @rpc
    def change_password(self, cmd):
        c = parse(ChangePassword, cmd)
        username = self.people[c.actor.id].username
        if self.passwords[username] != c.current_password:
            raise AuthenticationFailed("Mật khẩu hiện tại không đúng.")
        self.passwords[username] = c.new_password
        self.bump_version(c.actor.id)
        self.end_sessions_of(c.actor.id, keep=c.keep_session)
        return None
