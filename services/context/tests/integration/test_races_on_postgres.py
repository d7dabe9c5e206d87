"""Requests that arrive together, on PostgreSQL: the lockout holds under a burst of guesses, and two
changes of one person at the same moment are both applied, one after the other.

The interleavings are made, not hoped for: the password check (done outside any transaction) is held
at a gate the test opens, and green threads in this process wait on each other (psycopg2 waits
cooperatively under eventlet), so every run takes the same path.
"""
from __future__ import annotations

import eventlet
import pytest
from eiso_contracts.errors import AuthenticationFailed
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import select, text

from eiso_context.authentication import PASSWORDS
from eiso_context.demo import load_demo
from eiso_context.models import login_attempts, people, plumbing
from eiso_kit.db import audit
from eiso_kit.testing.waiting import wait_until

pytestmark = pytest.mark.integration
DEMO = load_demo()
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."


class Gate:
    """Holds every password check until the test opens the gate of that password."""

    def __init__(self, monkeypatch):
        self.entered: list[str] = []
        self._gates: dict[str, eventlet.event.Event] = {}
        real_check = PASSWORDS.check

        def check(stored_hash, password):
            self.entered.append(password)
            self._gate(password).wait()
            return real_check(stored_hash, password)

        monkeypatch.setattr(PASSWORDS, "check", check)

    def _gate(self, password: str) -> eventlet.event.Event:
        return self._gates.setdefault(password, eventlet.event.Event())

    def open(self, *passwords: str) -> None:
        for password in passwords:
            self._gate(password).send(True)


def answer(reply) -> str:
    """The username logged in, or the refusal's message."""
    try:
        return reply.result()["username"]
    except AuthenticationFailed as refused:
        return refused.message


def login_trail(engine, username: str) -> list[tuple[str, int | None]]:
    with engine.connect() as conn:
        rows = conn.execute(select(plumbing.audit.c.action, plumbing.audit.c.after)
                            .where(plumbing.audit.c.aggregate_type == "login",
                                   plumbing.audit.c.aggregate_id == username)
                            .order_by(plumbing.audit.c.version)).all()
    return [(r.action, (r.after or {}).get("failures")) for r in rows]


FIVE_FAILURES_THEN_THE_LOCK = [("failed", 1), ("failed", 2), ("failed", 3), ("failed", 4), ("locked", 5)]


def test_a_burst_of_guesses_gets_five_failures_and_the_right_password_then_meets_the_lock(
        start_context, pg_config, pg_engine, monkeypatch):
    start_context()
    gate = Gate(monkeypatch)
    guesses = [f"doan-sai-{i}" for i in range(9)]
    with ClusterRpcProxy(pg_config) as proxy:
        wrong = [proxy.context.authenticate.call_async({"username": "nhanvien", "password": p}) for p in guesses]
        right = proxy.context.authenticate.call_async({"username": "nhanvien", "password": DEMO.password})
        # All ten have passed the early look at the lock (none was locked then) and wait in the check.
        wait_until(lambda: len(gate.entered) == 10)
        gate.open(*guesses)
        answers = [answer(reply) for reply in wrong]
        gate.open(DEMO.password)  # its check succeeds, but the username was locked meanwhile
        assert answer(right) == LOCKED

    assert sorted(answers) == sorted([WRONG] * 4 + [LOCKED] * 5)
    assert login_trail(pg_engine, "nhanvien") == FIVE_FAILURES_THEN_THE_LOCK  # and no "succeeded"
    with pg_engine.connect() as conn:
        record = conn.execute(select(login_attempts).where(login_attempts.c.username == "nhanvien")).one()
    assert record.failures == 5 and record.locked_until is not None


def test_a_burst_on_an_unknown_username_counts_each_guess_once(start_context, pg_config, pg_engine, monkeypatch):
    """No failure row exists yet: the guesses race to create it; the losers are counted after it."""
    start_context()
    gate = Gate(monkeypatch)
    guesses = [f"doan-sai-{i}" for i in range(8)]
    with ClusterRpcProxy(pg_config) as proxy:
        replies = [proxy.context.authenticate.call_async({"username": "khongco", "password": p}) for p in guesses]
        wait_until(lambda: len(gate.entered) == 8)
        gate.open(*guesses)
        answers = [answer(reply) for reply in replies]
    assert sorted(answers) == sorted([WRONG] * 4 + [LOCKED] * 4)
    assert login_trail(pg_engine, "khongco") == FIVE_FAILURES_THEN_THE_LOCK


def _waiting_for_a_row_lock(engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'")).scalar() > 0


@pytest.mark.parametrize("first", ["reset_password", "set_person_active"])
def test_a_reset_and_a_deactivation_of_one_person_at_once_are_both_applied(
        first, start_context, pg_config, pg_engine, monkeypatch):
    """The one that comes second waits for the first to commit, then appends the next audit version
    (no unique-key error on the audit trail, no 500)."""
    start_context()
    first_action = {"reset_password": "password_reset", "set_person_active": "deactivated"}[first]
    paused, resume = eventlet.event.Event(), eventlet.event.Event()
    real_append = audit.append

    def append(session, table, **entry):
        if entry["action"] == first_action:  # the first holds its transaction open just before its audit entry
            paused.send(True)
            resume.wait()
        return real_append(session, table, **entry)

    monkeypatch.setattr(audit, "append", append)
    staff = DEMO.person_id("nhanvien")
    with ClusterRpcProxy(pg_config) as proxy:
        admin = proxy.context.authenticate({"username": "admin", "password": DEMO.password})
        actor = {k: admin[k] for k in ("id", "unit_code", "roles", "department_id", "full_name")}
        calls = {
            "reset_password": lambda: proxy.context.reset_password.call_async(
                {"actor": actor, "person_id": staff, "new_password": "Moi@2026-abcd"}),
            "set_person_active": lambda: proxy.context.set_person_active.call_async(actor, staff, False),
        }
        first_reply = calls[first]()
        paused.wait()
        second_reply = calls[next(name for name in calls if name != first)]()
        wait_until(lambda: _waiting_for_a_row_lock(pg_engine))  # the second waits for the person's row
        resume.send(True)
        first_reply.result()
        second_reply.result()
        after = proxy.context.get_person(staff)

    assert after["active"] is False and after["credentials_version"] == 2
    with pg_engine.connect() as conn:
        trail = conn.execute(select(plumbing.audit.c.version, plumbing.audit.c.action)
                             .where(plumbing.audit.c.aggregate_type == "person",
                                    plumbing.audit.c.aggregate_id == staff)
                             .order_by(plumbing.audit.c.version)).all()
        assert audit.verify(conn, plumbing.audit) == []
        assert conn.execute(select(people.c.active).where(people.c.id == staff)).scalar() is False
    assert [v for v, _ in trail] == [1, 2, 3]
    assert sorted(a for _, a in trail[1:]) == ["deactivated", "password_reset"]
    assert trail[1][1] == first_action
