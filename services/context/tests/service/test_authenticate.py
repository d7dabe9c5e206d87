"""Signing in: one answer for every kind of wrong, no lock anyone can set, no row per guess, re-hash on
new parameters, and the sign-in decided against the credentials as they are when it is recorded."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from eiso_contracts.errors import AuthenticationFailed
from eiso_contracts.rpc.context import Credentials
from sqlalchemy import func, inspect, select, update

from eiso_context import authentication
from eiso_context.models import people, plumbing
from eiso_kit.db import Database, DatabaseAccess

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(authentication, "utcnow", clock)
    return clock


def login(call, username, password):
    return call("authenticate", {"username": username, "password": password})


def refusal(call, username, password) -> str:
    with pytest.raises(AuthenticationFailed) as refused:
        login(call, username, password)
    return refused.value.message


def test_the_right_password_gives_the_person(call, demo):
    me = login(call, "  ThuKy ", "Demo@2026")
    assert me == {
        "id": demo.person_id("thuky"), "username": "thuky", "full_name": "Trần Thị Bình", "title": "Thư ký ISO",
        "unit_code": "SONGANH", "unit_name": "Sở Khoa học và Công nghệ tỉnh Quảng Bình",
        "department_id": demo.department_id("VP"), "department_name": "Văn phòng sở",
        "roles": ["secretary"], "active": True, "credentials_version": 0,
    }


def test_unknown_user_wrong_password_and_inactive_person_get_the_same_answer(call, actor, demo):
    call("set_person_active", actor("admin"), demo.person_id("nhanvien"), False)
    assert refusal(call, "khongco", "Demo@2026") == WRONG
    assert refusal(call, "thuky", "Demo@2027") == WRONG
    assert refusal(call, "nhanvien", "Demo@2026") == WRONG


def test_many_wrong_passwords_lock_nobody_out(call, clock):
    """A stranger's guesses (throttled by the gateway per address and account) never stop the owner."""
    for _ in range(12):
        assert refusal(call, "lanhdao", "sai-mat-khau") == WRONG
        clock.now += timedelta(seconds=1)
    assert login(call, "lanhdao", "Demo@2026")["username"] == "lanhdao"


def test_failed_attempts_leave_no_row(call, clock, context_db):
    """Not per unknown username, not per guess: what a stranger types costs no storage."""
    with context_db.connect() as conn:
        before = conn.execute(select(func.count()).select_from(plumbing.audit)).scalar()
    for name in ("khongco", "khongco2", "lanhdao"):
        refusal(call, name, "sai-mat-khau")
    with context_db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(plumbing.audit)).scalar() == before
        assert not inspect(conn).has_table("login_attempts")


def test_a_hash_with_old_argon2_parameters_is_replaced_at_login(call, context_db, demo, monkeypatch):
    def stored_hash():
        with context_db.connect() as conn:
            return conn.execute(select(people.c.password_hash).where(people.c.username == "danhgia")).scalar()

    old = stored_hash()  # seeded under the cheap test parameters
    monkeypatch.setattr(authentication.PASSWORDS, "hasher", PasswordHasher())  # the real, current ones
    login(call, "danhgia", "Demo@2026")
    new = stored_hash()
    assert new != old and not PasswordHasher().check_needs_rehash(new)
    login(call, "danhgia", "Demo@2026")
    assert stored_hash() == new  # once is enough
    with context_db.connect() as conn:
        actions = conn.execute(select(plumbing.audit.c.action).where(
            plumbing.audit.c.aggregate_id == demo.person_id("danhgia"))).scalars().all()
    assert actions == ["created", "password_rehashed"]


def test_the_audit_trail_records_logins_and_never_a_hash(call, clock, context_db):
    refusal(call, "thuky", "sai-mat-khau")
    login(call, "thuky", "Demo@2026")
    with context_db.connect() as conn:
        rows = conn.execute(select(plumbing.audit).where(plumbing.audit.c.aggregate_type == "login")).all()
        everything = " ".join(str(tuple(r)) for r in conn.execute(select(plumbing.audit)))
    assert [(r.aggregate_id, r.action) for r in rows] == [("thuky", "succeeded")]
    assert "$argon2" not in everything and "Demo@2026" not in everything


def test_a_damaged_stored_hash_is_a_refusal_not_a_crash(call, context_db):
    with context_db.begin() as conn:
        conn.execute(update(people).where(people.c.username == "thuky").values(password_hash="garbage"))
    assert refusal(call, "thuky", "Demo@2026") == WRONG


# -- a sign-in is decided where it is recorded ---------------------------------------------------------

def slow_check(monkeypatch, password, meanwhile):
    """While ``password`` is being checked (outside any transaction), ``meanwhile()`` happens."""
    real_check = authentication.PASSWORDS.check

    def check(stored_hash, given):
        verdict = real_check(stored_hash, given)
        if given == password:
            monkeypatch.setattr(authentication.PASSWORDS, "check", real_check)
            meanwhile()
        return verdict

    monkeypatch.setattr(authentication.PASSWORDS, "check", check)


def login_actions(engine, username):
    with engine.connect() as conn:
        return conn.execute(select(plumbing.audit.c.action).where(
            plumbing.audit.c.aggregate_type == "login", plumbing.audit.c.aggregate_id == username)
            .order_by(plumbing.audit.c.version)).scalars().all()


def test_the_old_password_checked_while_an_admin_reset_it_does_not_log_in(call, clock, monkeypatch, actor, demo):
    admin = actor("admin")

    def reset():
        call("reset_password", {"actor": admin, "person_id": demo.person_id("thuky"), "new_password": "Moi@2026!vui"})

    slow_check(monkeypatch, "Demo@2026", reset)
    assert refusal(call, "thuky", "Demo@2026") == WRONG
    assert login(call, "thuky", "Moi@2026!vui")["username"] == "thuky"


def test_a_person_deactivated_during_the_check_does_not_log_in(call, clock, monkeypatch, actor, demo):
    admin = actor("admin")
    slow_check(monkeypatch, "Demo@2026",
               lambda: call("set_person_active", admin, demo.person_id("thuky"), False))
    assert refusal(call, "thuky", "Demo@2026") == WRONG


def test_two_logins_at_once_after_new_argon2_parameters_both_succeed_and_re_hash_once(call, context, context_db,
                                                                                       demo, monkeypatch):
    monkeypatch.setattr(authentication.PASSWORDS, "hasher", PasswordHasher())  # the stored hash is now "old"
    db = DatabaseAccess(next(d for d in context.dependencies if isinstance(d, Database)))
    other = []
    slow_check(monkeypatch, "Demo@2026", lambda: other.append(
        authentication.authenticate(db, Credentials(username="danhgia", password="Demo@2026"))))
    assert login(call, "danhgia", "Demo@2026")["username"] == "danhgia"
    assert other[0].username == "danhgia"
    with context_db.connect() as conn:
        actions = conn.execute(select(plumbing.audit.c.action).where(
            plumbing.audit.c.aggregate_id == demo.person_id("danhgia"))).scalars().all()
    assert actions == ["created", "password_rehashed"]
