"""Sessions end on the server: sign-out, a password change, a reset and a deactivation end them at once.

The gateway asks ``check_session`` on every request, so what ends here ends for every browser and
every API token of the person, whatever gateway copy serves them.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from eiso_contracts.errors import AuthenticationFailed
from eiso_contracts.rpc.context import SESSION_SECONDS, StartSession
from sqlalchemy import func, select

from eiso_context import authentication, sessions
from eiso_context.domain.sessions import MAX_PER_PERSON
from eiso_context.models import person_roles
from eiso_context.models import sessions as session_table
from eiso_kit.db import Database, DatabaseAccess

ENDED = "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại."


def start(call, username="nhanvien", password="Demo@2026", kind="web") -> dict:
    return call("start_session", {"username": username, "password": password, "kind": kind})


def ended(call, token) -> bool:
    try:
        call("check_session", token)
    except AuthenticationFailed as refused:
        assert refused.message == ENDED
        return True
    return False


def rows(context_db) -> int:
    with context_db.connect() as conn:
        return conn.execute(select(func.count()).select_from(session_table)).scalar()


@pytest.fixture
def db(context):
    return DatabaseAccess(next(d for d in context.dependencies if isinstance(d, Database)))


def test_a_session_names_its_person_until_it_ends(call, demo):
    before = datetime.now(timezone.utc)
    started = start(call)
    assert started["person"]["username"] == "nhanvien" and len(started["token"]) >= 43
    expires = datetime.fromisoformat(started["expires_at"])
    assert before + timedelta(seconds=SESSION_SECONDS) <= expires <= datetime.now(timezone.utc) + timedelta(
        seconds=SESSION_SECONDS)
    assert call("check_session", started["token"])["id"] == demo.person_id("nhanvien")


def test_a_wrong_password_opens_no_session(call, context_db):
    with pytest.raises(AuthenticationFailed, match="Tên đăng nhập hoặc mật khẩu không đúng."):
        start(call, password="sai-mat-khau")
    assert rows(context_db) == 0


def test_only_a_hash_of_the_secret_is_stored(call, context_db):
    token = start(call)["token"]
    with context_db.connect() as conn:
        stored = conn.execute(select(session_table)).one()
    assert token not in " ".join(str(value) for value in stored)


def test_a_made_up_token_is_no_session(call):
    assert ended(call, "x" * 43)


def test_signing_out_ends_every_session_of_the_person_and_only_theirs(call):
    browser, other_browser = start(call)["token"], start(call)["token"]
    api = start(call, kind="api")["token"]
    colleague = start(call, "thuky")["token"]
    assert call("end_sessions", browser) == {"ended": 3}
    assert all(ended(call, token) for token in (browser, other_browser, api))
    assert not ended(call, colleague)
    assert call("end_sessions", browser) == {"ended": 0}  # a replayed sign-out ends nothing more


def test_a_password_change_ends_the_other_sessions_but_the_one_it_was_made_from(call, actor):
    here, stolen, token = start(call)["token"], start(call)["token"], start(call, kind="api")["token"]
    call("change_password", {"actor": actor("nhanvien"), "current_password": "Demo@2026",
                             "new_password": "Dung@2026-moi", "keep_session": here})
    assert not ended(call, here)
    assert ended(call, stolen) and ended(call, token)


def test_an_admin_reset_ends_every_session_of_the_person(call, actor, demo):
    token = start(call)["token"]
    call("reset_password", {"actor": actor("admin"), "person_id": demo.person_id("nhanvien"),
                            "new_password": "Moi@2026!vui"})
    assert ended(call, token)


def test_a_deactivation_ends_every_session_at_once(call, actor, demo):
    web, api = start(call)["token"], start(call, kind="api")["token"]
    call("set_person_active", actor("admin"), demo.person_id("nhanvien"), False)
    assert ended(call, web) and ended(call, api)
    call("set_person_active", actor("admin"), demo.person_id("nhanvien"), True)
    assert ended(call, web)  # reactivation brings no old session back


def test_a_role_change_shows_in_the_next_check(call, context_db, demo):
    token = start(call)["token"]
    with context_db.begin() as conn:
        conn.execute(person_roles.insert().values(person_id=demo.person_id("nhanvien"), role="auditor"))
    assert "auditor" in call("check_session", token)["roles"]


def test_a_session_ends_after_eight_hours_and_its_row_is_then_deleted(db, context_db):
    signed_in = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)
    started = authentication.start_session(db, _credentials(), now=signed_in)
    later = signed_in + timedelta(seconds=SESSION_SECONDS)
    assert sessions.check(db, started.token, now=later - timedelta(seconds=1)).username == "nhanvien"
    with pytest.raises(AuthenticationFailed):
        sessions.check(db, started.token, now=later)
    assert sessions.forget_expired(db, now=later) == 1
    assert rows(context_db) == 0


def test_a_person_keeps_at_most_a_bounded_number_of_sessions(db, context_db):
    signed_in = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)
    tokens = [authentication.start_session(db, _credentials(), now=signed_in + timedelta(seconds=i)).token
              for i in range(MAX_PER_PERSON + 3)]
    assert rows(context_db) == MAX_PER_PERSON
    now = signed_in + timedelta(minutes=1)
    with pytest.raises(AuthenticationFailed):
        sessions.check(db, tokens[0], now=now)  # the oldest made room
    assert sessions.check(db, tokens[-1], now=now).username == "nhanvien"


def _credentials():
    return StartSession(username="nhanvien", password="Demo@2026", kind="web")
