"""Logging in: one answer for every kind of wrong, lockout after 5 failures, re-hash on new parameters."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from eiso_contracts.errors import AuthenticationFailed
from eiso_contracts.rpc.context import Credentials
from sqlalchemy import select, update

from eiso_context import authentication
from eiso_context.domain.lockout import LOCKED
from eiso_context.models import login_attempts, people, plumbing
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


def test_five_failures_lock_the_username_for_fifteen_minutes(call, clock):
    for _ in range(4):
        assert refusal(call, "lanhdao", "sai-mat-khau") == WRONG
        clock.now += timedelta(seconds=20)
    assert refusal(call, "lanhdao", "sai-mat-khau") == LOCKED  # the fifth locks
    clock.now += timedelta(minutes=14, seconds=59)
    assert refusal(call, "lanhdao", "Demo@2026") == LOCKED  # even the right password waits
    clock.now += timedelta(seconds=1)
    assert login(call, "lanhdao", "Demo@2026")["username"] == "lanhdao"


def test_a_success_forgets_earlier_failures(call, clock, context_db):
    for _ in range(4):
        refusal(call, "thuky", "sai-mat-khau")
    login(call, "thuky", "Demo@2026")
    with context_db.connect() as conn:
        assert conn.execute(select(login_attempts)).all() == []
    for _ in range(4):
        assert refusal(call, "thuky", "sai-mat-khau") == WRONG


def test_unknown_usernames_lock_too_so_the_lockout_reveals_nothing(call, clock):
    for _ in range(4):
        assert refusal(call, "khongco", "x") == WRONG
    assert refusal(call, "KhongCo", "x") == LOCKED


def test_the_lock_is_per_username(call, clock):
    for _ in range(5):
        refusal(call, "lanhdao", "sai-mat-khau")
    assert login(call, "thuky", "Demo@2026")["username"] == "thuky"


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
    assert [(r.aggregate_id, r.action) for r in rows] == [("thuky", "failed"), ("thuky", "succeeded")]
    assert "$argon2" not in everything and "Demo@2026" not in everything


def test_a_damaged_stored_hash_is_a_refusal_not_a_crash(call, context_db):
    with context_db.begin() as conn:
        conn.execute(update(people).where(people.c.username == "thuky").values(password_hash="garbage"))
    assert refusal(call, "thuky", "Demo@2026") == WRONG


# -- the lock is decided where the attempt is recorded ------------------------------------------------

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


@pytest.fixture
def five_guesses(context):
    """Five wrong passwords for ``lanhdao``, straight through the use case (a nested call of the
    same entrypoint would confuse nameko's entrypoint_hook)."""
    db = DatabaseAccess(next(d for d in context.dependencies if isinstance(d, Database)))

    def guess():
        for _ in range(5):
            with pytest.raises(AuthenticationFailed):
                authentication.authenticate(db, Credentials(username="lanhdao", password="sai-mat-khau"))
    return guess


def test_the_right_password_is_refused_when_the_lock_was_set_during_its_check(call, clock, monkeypatch,
                                                                              context_db, five_guesses):
    slow_check(monkeypatch, "Demo@2026", five_guesses)
    assert refusal(call, "lanhdao", "Demo@2026") == LOCKED
    assert login_actions(context_db, "lanhdao") == ["failed"] * 4 + ["locked"]  # and no "succeeded"
    with context_db.connect() as conn:
        assert conn.execute(select(login_attempts.c.failures)).scalar() == 5  # the lock stays


def test_a_guess_checked_before_the_lock_and_recorded_after_it_is_not_counted(call, clock, monkeypatch,
                                                                              context_db, five_guesses):
    slow_check(monkeypatch, "doan-sai", five_guesses)
    assert refusal(call, "lanhdao", "doan-sai") == LOCKED
    assert login_actions(context_db, "lanhdao") == ["failed"] * 4 + ["locked"]


def test_the_old_password_checked_while_an_admin_reset_it_does_not_log_in(call, clock, monkeypatch, actor, demo):
    admin = actor("admin")

    def reset():
        call("reset_password", {"actor": admin, "person_id": demo.person_id("thuky"), "new_password": "Moi@2026!"})

    slow_check(monkeypatch, "Demo@2026", reset)
    assert refusal(call, "thuky", "Demo@2026") == WRONG
    assert login(call, "thuky", "Moi@2026!")["username"] == "thuky"


def test_a_person_deactivated_during_the_check_does_not_log_in(call, clock, monkeypatch, actor, demo):
    admin = actor("admin")
    slow_check(monkeypatch, "Demo@2026",
               lambda: call("set_person_active", admin, demo.person_id("thuky"), False))
    assert refusal(call, "thuky", "Demo@2026") == WRONG


def test_a_login_during_the_lock_is_refused_and_not_recorded(call, clock, context_db):
    for _ in range(5):
        refusal(call, "lanhdao", "sai-mat-khau")
    for password in ("sai-mat-khau", "Demo@2026"):
        assert refusal(call, "lanhdao", password) == LOCKED
    assert login_actions(context_db, "lanhdao") == ["failed"] * 4 + ["locked"]


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
