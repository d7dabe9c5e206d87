"""An in-memory fake of the services' RPC, for the gateway's tests.

The services are outside the gateway under test, so this fake plays them,
small but honest about the contract: every argument goes through a JSON
round trip (as nameko's serializer would) and is validated with the
contract's request model, every answer is built from the contract's
response models, and typed errors are raised as the services raise them.
It records every call, so tests assert exactly what the gateway sent.
"""
from __future__ import annotations

import copy
import json
import secrets
import threading
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

from eiso_contracts.errors import (
    AlreadyProcessed, AuthenticationFailed, Conflict, Forbidden, InvalidInput, NotFound,
)
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context import (
    ChangePassword, CreateDepartment, CreatePerson, Credentials, DepartmentView, PeopleQuery, PersonView,
    ResetPassword, SessionRef, SessionsEnded, SessionStarted, StartSession, UnitView,
)
from eiso_contracts.rpc.documents import FileGrant, FileView, GrantDownload, GrantUpload
from eiso_contracts.rpc.quality import POLICY_STATUSES, PolicyView, SubmitPolicy
from eiso_contracts.rpc.workflow import (
    ACTION_LABELS, DOSSIER_STATUS_LABELS, TIMING_LABELS, ActCommand, ActionForm, DossierTypeView, DossierView,
    DraftView, HistoryEntry, InboxCounts, InboxPage, InboxQuery, StepDefinitionView, StepView,
)
from eiso_kit.rpc import dump, parse

UNIT = "SONGANH"
UNIT_NAME = "Sở Khoa học và Công nghệ tỉnh Quảng Bình"
PASSWORD = "matkhau123"
NOW = datetime(2026, 3, 2, 2, 30, tzinfo=timezone.utc)          # 09:30 in Hà Nội: "Sáng"
TODAY = date.today()


def _json(value):
    return json.loads(json.dumps(value, default=str))


def step_def(number, key, name, role, actions, approve_label="Duyệt", edits=False, days=2, final=False):
    return StepDefinitionView(number=number, key=key, name=name, role=role, actions=actions,
                              approve_label=approve_label, edits_content=edits, deadline_days=days, final=final)


DEFINITIONS = [
    DossierTypeView(
        code="1", key="quality_policy", name="Lập chính sách chất lượng", artefact_service="quality",
        artefact_kind="policy", content_schema="quality.policy",
        steps=[
            step_def(1, "draft", "Thư ký ISO lập chính sách", "secretary", ["approve"], "Trình duyệt", True, 0),
            step_def(2, "approve", "Lãnh đạo phê duyệt", "leader", ["save", "approve", "reject", "return"],
                     "Duyệt", True, 2),
            step_def(3, "issue", "Ban hành", "secretary", ["save", "approve"], "Ban hành", False, 2, True),
        ]),
    DossierTypeView(
        code="2", key="management_review", name="Thông báo xem xét của lãnh đạo", artefact_service="review",
        artefact_kind="review", content_schema=None,
        steps=[
            step_def(1, "draft", "Thư ký ISO soạn thông báo", "secretary", ["approve"], "Trình duyệt"),
            step_def(2, "approve", "Lãnh đạo phê duyệt", "leader", ["save", "approve", "return"]),
            step_def(3, "notify", "Thư ký ISO gửi thông báo", "secretary", ["save", "approve"]),
            step_def(4, "conclude", "Lãnh đạo kết luận và chỉ đạo", "leader", ["save", "approve", "return"]),
            step_def(5, "record", "Ghi nhận kết quả", "secretary", ["save", "approve"], "Ghi nhận", final=True),
        ]),
    DossierTypeView(
        code="3", key="quality_objectives", name="Xây dựng, chỉnh sửa mục tiêu chất lượng",
        artefact_service="quality", artefact_kind="objectives", content_schema=None,
        steps=[
            step_def(1, "draft", "Thư ký ISO xây dựng mục tiêu", "secretary", ["approve"], "Trình duyệt"),
            step_def(2, "approve", "Lãnh đạo phê duyệt", "leader", ["save", "approve", "reject", "return"]),
            step_def(3, "record", "Ghi nhận", "secretary", ["save", "approve"], "Ghi nhận", final=True),
        ]),
]


class FakeServices:
    """The context, workflow, quality and documents RPC of one unit (SONGANH), in memory."""

    def __init__(self):
        self.calls: list[tuple[str, str, tuple, dict]] = []
        # credentials_version per person: raised by a password change or reset and by (de)activation.
        self.versions: dict[str, int] = {}
        self.failures: dict[tuple[str, str], list[Exception]] = {}
        self.sessions: dict[str, tuple[str, str]] = {}  # session secret -> (person id, kind)
        self.grants: dict[str, tuple] = {}  # file grant -> (operation, person, unit, file id)
        self.down: set[str] = set()
        self.lock = threading.Lock()
        self.departments = {
            "d-bgd": DepartmentView(id="d-bgd", unit_code=UNIT, code="BGD", name="Ban Giám đốc", sort_order=1),
            "d-vp": DepartmentView(id="d-vp", unit_code=UNIT, code="VP", name="Văn phòng sở", sort_order=2),
            "d-khoahoc": DepartmentView(id="d-khoahoc", unit_code=UNIT, code="QLKH",
                                        name="Phòng quản lý Khoa học", sort_order=3),
            "d-thanhtra": DepartmentView(id="d-thanhtra", unit_code=UNIT, code="TT", name="Thanh tra Sở",
                                         sort_order=4),
            "x-other": DepartmentView(id="x-other", unit_code="KHAC", code="VP", name="Văn phòng đơn vị khác"),
        }
        self.people: dict[str, PersonView] = {}
        self.passwords: dict[str, str] = {}
        for pid, username, name, title, dept, roles in (
            ("p-leader", "lanhdao", "Nguyễn Văn Lãnh", "Giám đốc", "d-bgd", ["leader"]),
            ("p-leader2", "phogiamdoc", "Trần Thị Phó", "Phó Giám đốc", "d-bgd", ["leader"]),
            ("p-secretary", "thuky", "Lê Thị Thư", "Thư ký ISO", "d-vp", ["secretary"]),
            ("p-head", "truongphong", "Phạm Văn Trưởng", "Trưởng phòng", "d-khoahoc", ["dept_head"]),
            ("p-staff", "chuyenvien", "Hoàng Văn Viên", "Chuyên viên", "d-khoahoc", ["staff"]),
            ("p-auditor", "danhgia", "Đỗ Thị Đánh", "Đánh giá viên", "d-thanhtra", ["auditor"]),
            ("p-admin", "quantri", "Vũ Quản Trị", "Quản trị hệ thống", "d-vp", ["admin"]),
        ):
            self._add_person(pid, username, name, title, dept, roles)
        self.other_unit_person = PersonView(
            id="x-person", username="khac", full_name="Người Đơn Vị Khác", unit_code="KHAC",
            unit_name="Đơn vị khác", department_id="x-other", roles=["leader"])
        self.people["x-person"] = self.other_unit_person
        self.passwords["khac"] = PASSWORD

        self.files: dict[str, FileView] = {}
        self.file_bytes: dict[str, bytes] = {}
        self.policies: dict[str, PolicyView] = {}
        self.request_ids: dict[str, str] = {}
        self.dossiers: dict[str, dict] = {}
        self._seed()

    # -- plumbing -------------------------------------------------------------------------------
    def call(self, service: str, method: str, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _json(list(args)), _json(kwargs)
        with self.lock:
            self.calls.append((service, method, tuple(args), dict(kwargs)))
            queued = self.failures.get((service, method))
            failure = queued.pop(0) if queued else None
        if failure is not None:
            raise failure
        if service in self.down:
            from nameko.exceptions import RpcTimeout
            raise RpcTimeout(service)
        handler = getattr(self, f"{service}__{method}", None)
        if handler is None:
            from nameko.exceptions import MethodNotFound
            raise MethodNotFound(method)
        return _json(dump(handler(*args, **kwargs)))

    def close(self) -> None:
        pass

    def fail(self, service: str, method: str, error: Exception) -> None:
        """The next call of ``service.method`` raises ``error``."""
        self.failures.setdefault((service, method), []).append(error)

    def sent(self, service: str, method: str) -> list[tuple]:
        return [(args, kwargs) for s, m, args, kwargs in self.calls if (s, m) == (service, method)]

    def last(self, service: str, method: str):
        found = self.sent(service, method)
        assert found, f"{service}.{method} was never called"
        return found[-1]

    # -- seed data ------------------------------------------------------------------------------
    def _add_person(self, pid, username, name, title, dept, roles, active=True):
        department = self.departments[dept]
        self.people[pid] = PersonView(
            id=pid, username=username, full_name=name, title=title, unit_code=UNIT, unit_name=UNIT_NAME,
            department_id=dept, department_name=department.name, roles=roles, active=active)
        self.passwords[username] = PASSWORD

    def _out(self, person: PersonView) -> PersonView:
        """A person as the context service answers: with their current credentials_version."""
        return person.model_copy(update={"credentials_version": self.versions.get(person.id, 0)})

    def bump_version(self, person_id: str) -> None:
        self.versions[person_id] = self.versions.get(person_id, 0) + 1

    def person_by_username(self, username: str) -> PersonView:
        return next(p for p in self.people.values() if p.username == username)

    def _seed(self):
        issued = self._new_policy(2025, "Không ngừng nâng cao chất lượng hoạt động quản lý nhà nước và dịch vụ công",
                                  ["Thực hiện tốt vai trò quản lý nhà nước về KHCN",
                                   "Không ngừng nâng cao chất lượng dịch vụ công",
                                   "Sự hài lòng của cơ quan và người dân là thước đo hiệu quả công việc"],
                                  status="issued", dossier_code="1-2025-1-SONGANH")
        self.policies[issued.id] = issued
        draft = self._new_policy(2026, "Chất lượng là trên hết", ["Phục vụ người dân tận tâm", "Minh bạch"],
                                 status="submitted", dossier_code="1-2026-1-SONGANH")
        self.policies[draft.id] = draft
        today = TODAY
        # 1-2026-1-SONGANH: the policy dossier at step 2, waiting for the leader.
        self.dossiers["1-2026-1-SONGANH"] = {
            "id": "dos-1", "code": "1-2026-1-SONGANH", "type": "1", "title": "Chính sách chất lượng năm 2026",
            "artefact": {"service": "quality", "kind": "policy", "id": draft.id,
                         "title": "Chính sách chất lượng năm 2026"},
            "status": "open", "opened_by": "p-secretary", "opened_at": NOW, "closed_at": None, "version": 2,
            "current": 2,
            "steps": {
                1: dict(state="done", department_id="d-vp", handler_id="p-secretary", deadline=today,
                        done_at=NOW, done_half_day="Sáng", action="approve", action_label="Trình duyệt",
                        timing="on_time", comment="Kính trình Lãnh đạo", attachments=["f-seed"]),
                2: dict(state="current", department_id="d-bgd", handler_id="p-leader",
                        deadline=today + timedelta(days=2), timing="early"),
                3: dict(state="not_reached", timing="not_reached"),
            },
            "history": [dict(at=NOW, actor_id="p-secretary", step_number=1, step_name="Thư ký ISO lập chính sách",
                             action="approve", action_label="Trình duyệt", comment="Kính trình Lãnh đạo",
                             attachments=["f-seed"])],
            "draft": {"comment": "", "attachments": [], "next": None},
            "following": {"p-secretary"}, "done_by": {"p-secretary"},
        }
        # 3-2025-152-SONGANH: objectives dossier, late at step 2 (a kind without preview / create page).
        self.dossiers["3-2025-152-SONGANH"] = {
            "id": "dos-2", "code": "3-2025-152-SONGANH", "type": "3", "title": "Mục tiêu chất lượng năm 2025",
            "artefact": {"service": "quality", "kind": "objectives", "id": "obj-1",
                         "title": "Mục tiêu chất lượng năm 2025"},
            "status": "open", "opened_by": "p-secretary", "opened_at": NOW, "closed_at": None, "version": 5,
            "current": 2,
            "steps": {
                1: dict(state="done", department_id="d-vp", handler_id="p-secretary",
                        deadline=today - timedelta(days=9), done_at=NOW - timedelta(days=1, hours=-6),
                        done_half_day="Chiều", action="approve", action_label="Trình duyệt", timing="late"),
                2: dict(state="current", department_id="d-bgd", handler_id="p-leader",
                        deadline=today - timedelta(days=1), timing="late"),
                3: dict(state="not_reached", timing="not_reached"),
            },
            "history": [], "draft": {"comment": "", "attachments": [], "next": None},
            "following": {"p-secretary"}, "done_by": {"p-secretary"},
        }
        self.files["f-seed"] = FileView(id="f-seed", unit_code=UNIT, name="Tờ trình chính sách.pdf",
                                        content_type="application/pdf", size=5, sha256="0" * 64,
                                        uploaded_by="p-secretary", uploaded_at=NOW)
        self.file_bytes["f-seed"] = b"%PDF-"
        self.files["f-other"] = FileView(id="f-other", unit_code="KHAC", name="bí mật.txt",
                                         content_type="text/plain", size=3, sha256="1" * 64,
                                         uploaded_by="x-person", uploaded_at=NOW)
        self.file_bytes["f-other"] = b"abc"

    def _new_policy(self, year, motto, statements, status="submitted", dossier_code=None, by="p-secretary"):
        pid = f"pol-{year}-{uuid.uuid4().hex[:6]}"
        return PolicyView(
            id=pid, unit_code=UNIT, content={"year": year, "motto": motto, "statements": statements},
            status=status, status_label=POLICY_STATUSES[status], revision=1, dossier_code=dossier_code,
            submitted_by=by, submitted_at=NOW, issued_at=NOW if status == "issued" else None,
            issued_by="p-secretary" if status == "issued" else None)

    # -- context --------------------------------------------------------------------------------
    def context__health(self):
        return {"service": "context", "status": "ok", "checks": {"database": "ok"}}

    def context__authenticate(self, credentials):
        creds = parse(Credentials, credentials)
        person = next((p for p in self.people.values() if p.username == creds.username), None)
        if person is None or self.passwords.get(creds.username) != creds.password or not person.active:
            raise AuthenticationFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
        return self._out(person)

    # Sessions as the context service keeps them: a secret per sign-in, ended on the server.
    def context__start_session(self, cmd):
        c = parse(StartSession, cmd)
        person = self.context__authenticate({"username": c.username, "password": c.password})
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.sessions[token] = (person.id, c.kind)
        return SessionStarted(token=token, expires_at=datetime.now(timezone.utc) + timedelta(hours=8), person=person)

    def context__check_session(self, token):
        ref = parse(SessionRef, {"token": token})
        person_id = self.sessions.get(ref.token, (None, None))[0]
        if person_id is None or not self.people[person_id].active:
            raise AuthenticationFailed("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.")
        return self._out(self.people[person_id])

    def context__end_sessions(self, token):
        ref = parse(SessionRef, {"token": token})
        person_id = self.sessions.get(ref.token, (None, None))[0]
        return SessionsEnded(ended=self.end_sessions_of(person_id) if person_id else 0)

    def end_sessions_of(self, person_id: str, keep: str | None = None) -> int:
        with self.lock:
            ended = [t for t, (pid, _) in self.sessions.items() if pid == person_id and t != keep]
            for token in ended:
                del self.sessions[token]
        return len(ended)

    def context__get_person(self, person_id):
        if person_id not in self.people:
            raise NotFound("Không tìm thấy người dùng.")
        return self._out(self.people[person_id])

    def context__get_people(self, person_ids):
        return [self._out(self.people[i]) for i in person_ids if i in self.people]

    def context__list_people(self, query):
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

    def context__list_departments(self, unit_code):
        return [d for d in self.departments.values() if d.unit_code == unit_code]

    def context__get_unit(self, code):
        if code != UNIT:
            raise NotFound("Không tìm thấy đơn vị.")
        return UnitView(code=UNIT, name=UNIT_NAME)

    def _admin(self, actor: Actor):
        if "admin" not in actor.roles:
            raise Forbidden("Chỉ quản trị hệ thống được thực hiện thao tác này.")

    def context__create_department(self, cmd):
        c = parse(CreateDepartment, cmd)
        self._admin(c.actor)
        if any(d.code == c.code and d.unit_code == c.actor.unit_code for d in self.departments.values()):
            raise Conflict("Mã phòng ban đã tồn tại.")
        dept = DepartmentView(id=f"d-{c.code.lower()}", unit_code=c.actor.unit_code, code=c.code, name=c.name,
                              sort_order=len(self.departments) + 1)
        self.departments[dept.id] = dept
        return dept

    def context__create_person(self, cmd):
        c = parse(CreatePerson, cmd)
        self._admin(c.actor)
        if any(p.username == c.username for p in self.people.values()):
            raise Conflict("Tên đăng nhập đã tồn tại.")
        pid = f"p-{c.username}"
        self._add_person(pid, c.username, c.full_name, c.title, c.department_id, c.roles)
        self.passwords[c.username] = c.password
        return self.people[pid]

    def context__reset_password(self, cmd):
        c = parse(ResetPassword, cmd)
        self._admin(c.actor)
        self.context__get_person(c.person_id)  # NotFound for an unknown person
        self.passwords[self.people[c.person_id].username] = c.new_password
        self.bump_version(c.person_id)
        self.end_sessions_of(c.person_id)
        return None

    def context__set_person_active(self, actor, person_id, active):
        self._admin(parse(Actor, actor))
        self.context__get_person(person_id)  # NotFound for an unknown person
        self.people[person_id] = self.people[person_id].model_copy(update={"active": bool(active)})
        self.bump_version(person_id)
        self.end_sessions_of(person_id)
        return self._out(self.people[person_id])

    def context__change_password(self, cmd):
        c = parse(ChangePassword, cmd)
        username = self.people[c.actor.id].username
        if self.passwords[username] != c.current_password:
            raise AuthenticationFailed("Mật khẩu hiện tại không đúng.")
        self.passwords[username] = c.new_password
        self.bump_version(c.actor.id)
        self.end_sessions_of(c.actor.id, keep=c.keep_session)
        return None

    # -- workflow -------------------------------------------------------------------------------
    def workflow__health(self):
        return {"service": "workflow", "status": "ok", "checks": {"database": "ok"}}

    def workflow__list_definitions(self):
        return DEFINITIONS

    def workflow__get_definition(self, type_code):
        found = next((d for d in DEFINITIONS if d.code == type_code), None)
        if found is None:
            raise NotFound("Không tìm thấy loại hồ sơ.")
        return found

    def _view(self, d: dict, actor: Actor | None) -> DossierView:
        definition = self.workflow__get_definition(d["type"])
        steps = []
        for sd in definition.steps:
            data = d["steps"].get(sd.number, {"state": "not_reached", "timing": "not_reached"})
            timing = data.get("timing", "not_reached")
            steps.append(StepView(number=sd.number, key=sd.key, name=sd.name, state=data["state"],
                                  department_id=data.get("department_id"), handler_id=data.get("handler_id"),
                                  deadline=data.get("deadline"), done_at=data.get("done_at"),
                                  done_half_day=data.get("done_half_day"), action=data.get("action"),
                                  action_label=data.get("action_label"), timing=timing,
                                  timing_label=TIMING_LABELS[timing], comment=data.get("comment", ""),
                                  attachments=data.get("attachments", [])))
        current = next((s for s in steps if s.state == "current"), None)
        form = None
        if actor is not None and current is not None and current.handler_id == actor.id and d["status"] == "open":
            sd = next(s for s in definition.steps if s.number == current.number)
            nxt = next((s for s in definition.steps if s.number == current.number + 1), None)
            back = next((s for s in definition.steps if s.number == current.number - 1), None)
            form = ActionForm(actions=sd.actions, approve_label=sd.approve_label, edits_content=sd.edits_content,
                              next_step=nxt, return_step=back,
                              default_deadline=TODAY + timedelta(days=nxt.deadline_days) if nxt else None,
                              draft=DraftView(**d["draft"]))
        return DossierView(
            id=d["id"], code=d["code"], type_code=d["type"], type_name=definition.name, title=d["title"],
            unit_code=UNIT, artefact=d["artefact"], status=d["status"],
            status_label=DOSSIER_STATUS_LABELS[d["status"]], opened_by=d["opened_by"], opened_at=d["opened_at"],
            closed_at=d["closed_at"], current_step=current, version=d["version"], steps=steps,
            history=[HistoryEntry(**h) for h in d["history"]], form=form)

    def workflow__get_dossier(self, code, actor):
        a = parse(Actor, actor)
        d = self.dossiers.get(code)
        if d is None:
            raise NotFound(f"Không tìm thấy hồ sơ {code}.")
        if a.unit_code != UNIT:
            raise Forbidden("Hồ sơ thuộc đơn vị khác.")
        return self._view(d, a)

    def workflow__get_dossier_for_artefact(self, service, kind, artefact_id, actor):
        for d in self.dossiers.values():
            if (d["artefact"]["service"], d["artefact"]["kind"], d["artefact"]["id"]) == (service, kind, artefact_id):
                return self._view(d, parse(Actor, actor)).model_dump(exclude={"steps", "history", "form"})
        return None

    def workflow__act(self, cmd):
        c = parse(ActCommand, cmd)
        d = self.dossiers.get(c.code)
        if d is None:
            raise NotFound("Không tìm thấy hồ sơ.")
        if c.expected_version != d["version"]:
            raise AlreadyProcessed("Hồ sơ đã được xử lý bởi người khác.")
        view = self._view(d, c.actor)
        if view.form is None:
            raise Forbidden("Bạn không phải người xử lý bước này của hồ sơ.")
        if c.action not in view.form.actions:
            raise InvalidInput("Hành động không được phép ở bước này.")
        if c.action == "approve" and view.form.next_step is not None and c.next is None:
            raise InvalidInput("Cần chọn người xử lý bước tiếp theo.")
        if c.content is not None and (c.action == "return" or not view.form.edits_content):
            raise InvalidInput("Không được sửa nội dung khi Bổ sung hoặc ở bước này.")
        number = d["current"]
        d["version"] += 1
        d["history"].append(dict(at=datetime.now(timezone.utc), actor_id=c.actor.id, step_number=number,
                                 step_name=view.current_step.name, action=c.action,
                                 action_label=ACTION_LABELS[c.action], comment=c.comment,
                                 attachments=list(c.attachments), content=c.content,
                                 next=c.next.model_dump(mode="json") if c.next else None))
        if c.action == "save":
            d["draft"] = {"comment": c.comment, "attachments": list(c.attachments),
                          "next": c.next.model_dump(mode="json") if c.next else None, "content": c.content}
            return self._view(d, c.actor)
        step = d["steps"][number]
        step.update(state="done", done_at=datetime.now(timezone.utc), done_half_day="Sáng", action=c.action,
                    action_label=ACTION_LABELS[c.action], comment=c.comment, attachments=list(c.attachments),
                    timing="on_time")
        d["done_by"].add(c.actor.id)
        d["draft"] = {"comment": "", "attachments": [], "next": None}
        if c.action == "approve" and c.next is not None:
            d["current"] = number + 1
            d["steps"][number + 1] = dict(state="current", department_id=c.next.department_id,
                                          handler_id=c.next.handler_id, deadline=c.next.deadline, timing="early")
        elif c.action == "approve":
            d["status"] = "completed"
            d["closed_at"] = datetime.now(timezone.utc)
        elif c.action == "reject":
            d["status"] = "rejected"
            d["closed_at"] = datetime.now(timezone.utc)
        elif c.action == "return":
            d["current"] = number - 1
            d["steps"][number - 1].update(state="current", timing="early")
        return self._view(d, c.actor)

    def _tab(self, d: dict, actor: Actor) -> set[str]:
        tabs = set()
        current = d["steps"].get(d["current"], {})
        if d["status"] != "open":
            if actor.id in d["done_by"] or actor.id in d["following"]:
                tabs.add("completed")
            return tabs
        if current.get("handler_id") == actor.id:
            tabs.add("todo")
        if actor.id in d["done_by"]:
            tabs.add("done")
        if actor.id in d["following"]:
            tabs.add("following")
        return tabs

    def workflow__inbox(self, query):
        q = parse(InboxQuery, query)
        found = [d for d in self.dossiers.values() if q.tab in self._tab(d, q.actor)]
        if q.search:
            found = [d for d in found if q.search.lower() in (d["code"] + d["title"]).lower()]
        start = (q.page - 1) * q.page_size
        items = [self._view(d, None) for d in found[start:start + q.page_size]]
        summaries = [v.model_dump(exclude={"steps", "history", "form"}) for v in items]
        return InboxPage(tab=q.tab, items=summaries, total=len(found), page=q.page, page_size=q.page_size,
                         counts=self._counts(q.actor))

    def _counts(self, actor: Actor) -> InboxCounts:
        counts = {"following": 0, "todo": 0, "done": 0, "completed": 0}
        for d in self.dossiers.values():
            for tab in self._tab(d, actor):
                counts[tab] += 1
        return InboxCounts(**counts)

    def workflow__inbox_counts(self, actor):
        return self._counts(parse(Actor, actor))

    # -- quality --------------------------------------------------------------------------------
    def quality__health(self):
        return {"service": "quality", "status": "ok", "checks": {"database": "ok"}}

    def quality__submit_policy(self, cmd, request_id=None):
        c = parse(SubmitPolicy, cmd)
        if "secretary" not in c.actor.roles:
            raise Forbidden("Chỉ Thư ký ISO được lập chính sách chất lượng.")
        if request_id and request_id in self.request_ids:
            return self.policies[self.request_ids[request_id]]
        policy = self._new_policy(c.content.year, c.content.motto, list(c.content.statements), by=c.actor.id)
        self.policies[policy.id] = policy
        if request_id:
            self.request_ids[request_id] = policy.id
        return policy

    def quality__get_policy(self, policy_id):
        if policy_id not in self.policies:
            raise NotFound("Không tìm thấy chính sách chất lượng.")
        return self.policies[policy_id]

    def quality__list_policies(self, unit_code):
        return [p for p in self.policies.values() if p.unit_code == unit_code]

    def quality__get_policy_in_force(self, unit_code):
        return next((p for p in self.policies.values() if p.unit_code == unit_code and p.status == "issued"), None)

    # -- documents ------------------------------------------------------------------------------
    def documents__health(self):
        return {"service": "documents", "status": "ok", "checks": {"database": "ok", "storage": "ok"}}

    def documents__get_file(self, file_id):
        if file_id not in self.files:
            raise NotFound("Không tìm thấy tập tin.")
        return self.files[file_id]

    def documents__get_files(self, file_ids):
        return [self.files[i] for i in file_ids if i in self.files]

    # Grants as the documents service issues them (the fake endpoint checks them): random, one use each.
    def documents__grant_download(self, cmd):
        c = parse(GrantDownload, cmd)
        meta = self.documents__get_file(c.file_id)
        if meta.unit_code != c.actor.unit_code:
            raise Forbidden("Tệp này thuộc đơn vị khác.")
        return self._grant(("download", c.actor.id, c.actor.unit_code, c.file_id), meta)

    def documents__grant_upload(self, cmd):
        c = parse(GrantUpload, cmd)
        return self._grant(("upload", c.actor.id, c.actor.unit_code, None))

    def _grant(self, what: tuple, meta: FileView | None = None) -> FileGrant:
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.grants[token] = what
        return FileGrant(grant=token, expires_at=datetime.now(timezone.utc) + timedelta(minutes=2), file=meta)

    def use_grant(self, token: str | None) -> tuple | None:
        with self.lock:
            return self.grants.pop(token, None) if token else None

    def store_file(self, unit: str, uploader: str, name: str, content_type: str, body: bytes) -> FileView:
        import hashlib

        fid = f"f-{uuid.uuid4().hex[:10]}"
        view = FileView(id=fid, unit_code=unit, name=name, content_type=content_type, size=len(body),
                        sha256=hashlib.sha256(body).hexdigest(), uploaded_by=uploader,
                        uploaded_at=datetime.now(timezone.utc))
        with self.lock:
            self.files[fid] = view
            self.file_bytes[fid] = body
        return view

    # -- the two shells -------------------------------------------------------------------------
    def audit__health(self):
        return {"service": "audit", "status": "ok", "checks": {"database": "ok"}}

    def review__health(self):
        return {"service": "review", "status": "ok", "checks": {"database": "ok"}}

    def snapshot(self):
        return copy.deepcopy(self.dossiers)
