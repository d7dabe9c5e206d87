"""Requests that arrive together, on PostgreSQL: a deactivation during a sign-in leaves no session, and
two changes of one person at the same moment are both applied, one after the other.

The interleavings are made, not hoped for: the password check (done outside any transaction) is held
at a gate the test opens, and green threads in this process wait on each other (psycopg2 waits
cooperatively under eventlet), so every run takes the same path.
"""
from __future__ import annotations

import eventlet
import pytest
from eiso_contracts.errors import AuthenticationFailed
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import func, select, text

from eiso_context.authentication import PASSWORDS
from eiso_context.demo import load_demo
from eiso_context.models import people, plumbing, sessions
from eiso_kit.db import audit
from eiso_kit.testing.waiting import wait_until
from eiso_kit.testing.actors import signed

pytestmark = pytest.mark.integration
DEMO = load_demo()
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


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
    """The username signed in, or the refusal's message."""
    try:
        result = reply.result()
    except AuthenticationFailed as refused:
        return refused.message
    return (result.get("person") or result)["username"]


def login_trail(engine, username: str) -> list[tuple[str, dict | None]]:
    with engine.connect() as conn:
        rows = conn.execute(select(plumbing.audit.c.action, plumbing.audit.c.after)
                            .where(plumbing.audit.c.aggregate_type == "login",
                                   plumbing.audit.c.aggregate_id == username)
                            .order_by(plumbing.audit.c.version)).all()
    return [(r.action, r.after) for r in rows]


def session_rows(engine, person_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(sessions)
                            .where(sessions.c.person_id == person_id)).scalar()


def test_a_deactivation_during_the_password_check_leaves_no_session(start_context, pg_config, pg_engine,
                                                                    monkeypatch):
    """The right password, checked while an admin deactivates the person: the sign-in is decided after
    the deactivation committed, so it is refused and no session is left to act with."""
    start_context()
    staff = DEMO.person_id("nhanvien")
    with ClusterRpcProxy(pg_config) as proxy:
        admin = proxy.context.authenticate({"username": "admin", "password": DEMO.password})
        actor = signed({k: admin[k] for k in ("id", "unit_code", "roles", "department_id", "full_name")})
        gate = Gate(monkeypatch)
        signing_in = proxy.context.start_session.call_async(
            {"username": "nhanvien", "password": DEMO.password, "kind": "web"})
        wait_until(lambda: gate.entered == [DEMO.password])
        proxy.context.set_person_active(actor, staff, False)
        gate.open(DEMO.password)
        assert answer(signing_in) == WRONG
    assert session_rows(pg_engine, staff) == 0
    assert [action for action, _ in login_trail(pg_engine, "nhanvien")] == []  # no "succeeded"


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
        actor = signed({k: admin[k] for k in ("id", "unit_code", "roles", "department_id", "full_name")})
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
