"""Logging in: one answer for every kind of wrong, lockout after 5 failures, re-hash on new parameters."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from eiso_contracts.errors import AuthenticationFailed
from sqlalchemy import select, update

from eiso_context import authentication
from eiso_context.domain.lockout import LOCKED
from eiso_context.models import login_attempts, people, plumbing

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
        "roles": ["secretary"], "active": True,
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
