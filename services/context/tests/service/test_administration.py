"""What admins do, and the refusals everyone else (and admins of other units) get."""
from __future__ import annotations

import json

import pytest
from eiso_contracts.errors import AuthenticationFailed, Conflict, Forbidden, InvalidInput, NotFound
from eiso_contracts.rpc.context import DepartmentView
from sqlalchemy import select

from eiso_context import repository
from eiso_context.models import plumbing
from eiso_kit.clock import utcnow
from eiso_kit.db import Database, DatabaseAccess
from eiso_kit.testing.actors import signed

ADMINS_ONLY = "Chỉ quản trị hệ thống mới được thực hiện thao tác này."


@pytest.fixture
def other_unit(context, cheap_hashing):
    """A second unit, SOTAICHINH, with one department and its own admin (written directly)."""
    db = DatabaseAccess(next(d for d in context.dependencies if isinstance(d, Database)))
    now = utcnow()
    with db.transaction() as tx:
        repository.add_unit(tx.session, "SOTAICHINH", "Sở Tài chính", now)
        repository.add_department(tx.session, DepartmentView(id="tc-vp", unit_code="SOTAICHINH", code="VP",
                                                             name="Văn phòng", sort_order=1), now)
        repository.add_person(tx.session, person_id="tc-admin", unit_code="SOTAICHINH", department_id="tc-vp",
                              username="admin.taichinh", full_name="Quản trị Sở Tài chính", title="",
                              roles=["admin"], password_hash=cheap_hashing.hash("Demo@2026"), now=now)
    return signed({"id": "tc-admin", "unit_code": "SOTAICHINH", "roles": ["admin"], "department_id": "tc-vp",
                   "full_name": "Quản trị Sở Tài chính"})


def new_person(actor, department_id, **overrides):
    cmd = {"actor": actor, "username": "ngoc.lan", "full_name": "Vũ Ngọc Lan", "title": "Chuyên viên",
           "department_id": department_id, "roles": ["staff"], "password": "Lan@2026-mk"}
    cmd.update(overrides)
    return cmd


def audit_rows(engine, aggregate_type, aggregate_id=None):
    audit = plumbing.audit
    query = select(audit.c.aggregate_id, audit.c.action, audit.c.actor_id, audit.c.before, audit.c.after).where(
        audit.c.aggregate_type == aggregate_type).order_by(audit.c.seq)
    if aggregate_id is not None:
        query = query.where(audit.c.aggregate_id == aggregate_id)
    with engine.connect() as conn:
        return conn.execute(query).all()


# -- departments --------------------------------------------------------------

def test_admin_creates_a_department_after_the_last(call, actor, context_db):
    admin = actor("admin")
    made = call("create_department", {"actor": admin, "code": "qlcl", "name": "Phòng Quản lý chất lượng"})
    assert (made["unit_code"], made["code"], made["sort_order"]) == ("SONGANH", "QLCL", 6)
    assert call("get_department", made["id"]) == made
    assert [d["code"] for d in call("list_departments", "SONGANH")][-1] == "QLCL"
    (row,) = audit_rows(context_db, "department", made["id"])
    assert (row.action, row.actor_id, row.after["code"]) == ("created", admin["id"], "QLCL")


def test_a_department_may_be_given_its_place(call, actor):
    made = call("create_department", {"actor": actor("admin"), "code": "TCHC", "name": "Phòng Tổ chức",
                                      "sort_order": 0})
    assert call("list_departments", "SONGANH")[0]["id"] == made["id"]


def test_department_codes_are_unique_in_a_unit(call, actor):
    with pytest.raises(Conflict, match="Mã phòng ban đã tồn tại trong đơn vị."):
        call("create_department", {"actor": actor("admin"), "code": "qlkh", "name": "Trùng mã"})


def test_the_same_code_in_another_unit_is_fine(call, other_unit):
    made = call("create_department", {"actor": other_unit, "code": "QLKH", "name": "Phòng Kế hoạch"})
    assert made["unit_code"] == "SOTAICHINH"


@pytest.mark.parametrize("username", ["lanhdao", "thuky", "truongphong", "nhanvien", "danhgia"])
def test_only_admins_create_departments(call, actor, username):
    with pytest.raises(Forbidden, match=ADMINS_ONLY):
        call("create_department", {"actor": actor(username), "code": "X", "name": "X"})


def test_a_claimed_admin_role_is_not_enough(call, actor):
    forged = dict(actor("thuky"), roles=["admin"])
    with pytest.raises(Forbidden, match=ADMINS_ONLY):
        call("create_department", {"actor": forged, "code": "X", "name": "X"})


def test_an_admin_claiming_another_unit_is_refused(call, actor):
    forged = dict(actor("admin"), unit_code="SOTAICHINH")
    with pytest.raises(Forbidden, match=ADMINS_ONLY):
        call("create_department", {"actor": forged, "code": "X", "name": "X"})


# -- people -------------------------------------------------------------------

def test_admin_creates_a_person_who_can_log_in(call, actor, demo, context_db):
    admin = actor("admin")
    made = call("create_person", new_person(admin, demo.department_id("QLCN"), username="Ngoc.Lan",
                                            roles=["staff", "auditor"]))
    assert {k: made[k] for k in ("username", "full_name", "title", "unit_code", "department_name", "roles",
                                 "active")} == {
        "username": "ngoc.lan", "full_name": "Vũ Ngọc Lan", "title": "Chuyên viên", "unit_code": "SONGANH",
        "department_name": "Phòng quản lý Công nghệ", "roles": ["staff", "auditor"], "active": True}
    assert call("authenticate", {"username": "ngoc.lan", "password": "Lan@2026-mk"}) == made
    assert "Vũ Ngọc Lan" in [p["full_name"] for p in call("list_people", {"unit_code": "SONGANH",
                                                                          "role": "auditor"})]
    (row,) = audit_rows(context_db, "person", made["id"])
    assert (row.action, row.actor_id) == ("created", admin["id"])
    assert "password" not in json.dumps(row.after) and "$argon2" not in json.dumps(row.after)


def test_creating_a_person_queues_person_created(call, actor, demo, context_db):
    made = call("create_person", new_person(actor("admin"), demo.department_id("QLCN")))
    with context_db.connect() as conn:
        bodies = conn.execute(select(plumbing.outbox.c.body).where(
            plumbing.outbox.c.subject == f"person/{made['id']}")).scalars().all()
    (event,) = [json.loads(body) for body in bodies]
    assert event["type"] == "vn.eiso.context.person.created.v1"
    assert event["data"] == {"person_id": made["id"], "unit_code": "SONGANH", "username": "ngoc.lan",
                             "full_name": "Vũ Ngọc Lan", "department_id": demo.department_id("QLCN"),
                             "roles": ["staff"]}


def test_usernames_are_unique(call, actor, demo):
    with pytest.raises(Conflict, match="Tên đăng nhập đã tồn tại."):
        call("create_person", new_person(actor("admin"), demo.department_id("VP"), username="thuky"))


def test_usernames_are_unique_across_units(call, other_unit):
    with pytest.raises(Conflict, match="Tên đăng nhập đã tồn tại."):
        call("create_person", new_person(other_unit, "tc-vp", username="lanhdao"))


def test_the_department_must_be_in_the_admins_unit(call, actor, other_unit):
    with pytest.raises(NotFound, match="Không tìm thấy phòng ban trong đơn vị của bạn."):
        call("create_person", new_person(actor("admin"), "tc-vp"))
    with pytest.raises(NotFound, match="Không tìm thấy phòng ban trong đơn vị của bạn."):
        call("create_person", new_person(actor("admin"), "no-such-department"))


def test_only_admins_create_people(call, actor, demo):
    with pytest.raises(Forbidden, match=ADMINS_ONLY):
        call("create_person", new_person(actor("lanhdao"), demo.department_id("VP")))


def test_username_and_password_rules(call, actor, demo):
    admin, vp = actor("admin"), demo.department_id("VP")
    with pytest.raises(InvalidInput, match="bắt đầu bằng chữ cái"):
        call("create_person", new_person(admin, vp, username="1lan"))
    with pytest.raises(InvalidInput, match="Mật khẩu không được trùng với tên đăng nhập."):
        call("create_person", new_person(admin, vp, username="ngoclan2026", password="ngoclan2026"))


# -- passwords and activation -------------------------------------------------------

def test_admin_resets_a_password(call, actor, demo, context_db):
    admin = actor("admin")
    call("reset_password", {"actor": admin, "person_id": demo.person_id("nhanvien"), "new_password": "Moi@2026!vui"})
    assert call("authenticate", {"username": "nhanvien", "password": "Moi@2026!vui"})["username"] == "nhanvien"
    with pytest.raises(AuthenticationFailed):
        call("authenticate", {"username": "nhanvien", "password": "Demo@2026"})
    rows = audit_rows(context_db, "person", demo.person_id("nhanvien"))
    assert [(r.action, r.actor_id, r.after["sessions_ended"]) for r in rows[1:]] == [
        ("password_reset", admin["id"], 0)]
    assert "$argon2" not in json.dumps([r.after for r in rows])


def test_only_admins_of_the_unit_reset_passwords(call, actor, demo, other_unit):
    for someone in (actor("lanhdao"), other_unit):
        with pytest.raises(Forbidden, match=ADMINS_ONLY):
            call("reset_password", {"actor": someone, "person_id": demo.person_id("thuky"),
                                    "new_password": "Moi@2026!vui"})
    with pytest.raises(NotFound, match="Không tìm thấy người dùng."):
        call("reset_password", {"actor": actor("admin"), "person_id": "nobody", "new_password": "Moi@2026!vui"})


def test_deactivate_and_reactivate(call, actor, demo, context_db):
    admin, person_id = actor("admin"), demo.person_id("danhgia")
    assert call("set_person_active", admin, person_id, False)["active"] is False
    with pytest.raises(AuthenticationFailed, match="Tên đăng nhập hoặc mật khẩu không đúng."):
        call("authenticate", {"username": "danhgia", "password": "Demo@2026"})
    assert call("set_person_active", admin, person_id, False)["active"] is False  # no change, no entry
    assert call("set_person_active", admin, person_id, True)["active"] is True
    assert call("authenticate", {"username": "danhgia", "password": "Demo@2026"})["id"] == person_id
    rows = audit_rows(context_db, "person", person_id)
    assert [(r.action, r.before, r.after) for r in rows[1:]] == [
        ("deactivated", {"active": True}, {"active": False, "sessions_ended": 0}),
        ("activated", {"active": False}, {"active": True, "sessions_ended": 0})]


def test_an_admin_cannot_deactivate_themself(call, actor):
    admin = actor("admin")
    with pytest.raises(Forbidden, match="Bạn không thể tự vô hiệu hóa tài khoản của chính mình."):
        call("set_person_active", admin, admin["id"], False)


def test_a_deactivated_admin_loses_the_right_at_once(call, actor, demo, cheap_hashing):
    first = actor("admin")
    second = call("create_person", new_person(first, demo.department_id("VP"), username="admin2", roles=["admin"]))
    second_actor = {"id": second["id"], "unit_code": "SONGANH", "roles": ["admin"]}
    call("set_person_active", second_actor, first["id"], False)
    with pytest.raises(Forbidden, match=ADMINS_ONLY):
        call("create_department", {"actor": first, "code": "X", "name": "X"})  # old session, same claims


def test_only_admins_of_the_unit_change_activation(call, actor, demo, other_unit):
    for someone in (actor("truongphong"), other_unit):
        with pytest.raises(Forbidden, match=ADMINS_ONLY):
            call("set_person_active", someone, demo.person_id("nhanvien"), False)


def test_anyone_changes_their_own_password(call, actor, demo, context_db):
    me = actor("nhanvien")
    call("change_password", {"actor": me, "current_password": "Demo@2026", "new_password": "Dung@2026-moi"})
    assert call("authenticate", {"username": "nhanvien", "password": "Dung@2026-moi"})["id"] == me["id"]
    rows = audit_rows(context_db, "person", me["id"])
    assert [(r.action, r.actor_id) for r in rows[1:]] == [("password_changed", me["id"])]
    assert rows[-1].after["sessions_ended"] == 0


def test_changing_a_password_needs_the_current_one(call, actor):
    me = actor("nhanvien")
    with pytest.raises(AuthenticationFailed, match="Mật khẩu hiện tại không đúng."):
        call("change_password", {"actor": me, "current_password": "doan-thu", "new_password": "Dung@2026-moi"})
    call("change_password", {"actor": me, "current_password": "Demo@2026", "new_password": "Dung@2026-moi"})
    with pytest.raises(InvalidInput, match="Mật khẩu mới phải khác mật khẩu hiện tại."):
        call("change_password", {"actor": me, "current_password": "Dung@2026-moi", "new_password": "Dung@2026-moi"})
    with pytest.raises(InvalidInput, match="quá phổ biến hoặc dễ đoán"):
        call("change_password", {"actor": me, "current_password": "Dung@2026-moi", "new_password": "password123"})


def test_guessing_the_current_password_sets_no_lock(call, actor):
    """Throttling is the gateway's (per address and account); here a wrong guess changes nothing."""
    me = actor("nhanvien")
    for _ in range(6):
        with pytest.raises(AuthenticationFailed, match="Mật khẩu hiện tại không đúng."):
            call("change_password", {"actor": me, "current_password": "doan-thu", "new_password": "Dung@2026-moi"})
    assert call("authenticate", {"username": "nhanvien", "password": "Demo@2026"})["id"] == me["id"]


def test_unknown_or_deactivated_people_cannot_change_a_password(call, actor, demo):
    ghost = {"id": "nobody", "unit_code": "SONGANH", "roles": ["staff"]}
    with pytest.raises(NotFound, match="Không tìm thấy người dùng."):
        call("change_password", {"actor": ghost, "current_password": "Demo@2026", "new_password": "Khac@2026!"})
    me = actor("nhanvien")
    call("set_person_active", actor("admin"), me["id"], False)
    with pytest.raises(Forbidden, match="Tài khoản của bạn đã bị vô hiệu hóa."):
        call("change_password", {"actor": me, "current_password": "Demo@2026", "new_password": "Khac@2026!"})
