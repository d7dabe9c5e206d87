"""``credentials_version``: a number per person that goes up whenever their credentials change (own
change, admin's reset, deactivation, reactivation), so the gateway can end sessions and API tokens
issued before. Logging in, a re-hash and a no-op do not change it."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from eiso_contracts.errors import AuthenticationFailed

from sqlalchemy import select

from eiso_context import authentication
from eiso_context.models import people


def version(call, demo, username):
    return call("get_person", demo.person_id(username))["credentials_version"]


def test_every_view_of_a_person_carries_it_starting_at_zero(call, demo, actor):
    admin = actor("admin")
    assert call("authenticate", {"username": "nhanvien", "password": "Demo@2026"})["credentials_version"] == 0
    assert version(call, demo, "nhanvien") == 0
    assert [p["credentials_version"] for p in call("get_people", [demo.person_id("nhanvien")])] == [0]
    assert {p["credentials_version"] for p in call("list_people", {"unit_code": "SONGANH"})} == {0}
    assert {p["credentials_version"] for p in call("list_people", {"unit_code": "SONGANH", "actor": admin,
                                                                   "include_inactive": True})} == {0}


def test_changing_the_own_password_increases_it(call, demo, actor):
    changed = call("change_password", {"actor": actor("nhanvien"), "current_password": "Demo@2026",
                                       "new_password": "Dung@2026-moi"})
    assert changed["credentials_version"] == 1
    assert call("authenticate", {"username": "nhanvien", "password": "Dung@2026-moi"})["credentials_version"] == 1


def test_a_reset_by_the_admin_increases_it_and_answers_the_new_state(call, demo, actor):
    reset = call("reset_password", {"actor": actor("admin"), "person_id": demo.person_id("nhanvien"),
                                    "new_password": "Moi@2026!vui"})
    assert reset["credentials_version"] == 1 == version(call, demo, "nhanvien")


def test_deactivation_and_reactivation_increase_it_a_no_op_does_not(call, demo, actor):
    admin, person_id = actor("admin"), demo.person_id("danhgia")
    assert call("set_person_active", admin, person_id, False)["credentials_version"] == 1
    assert call("set_person_active", admin, person_id, False)["credentials_version"] == 1  # already inactive
    assert call("set_person_active", admin, person_id, True)["credentials_version"] == 2
    assert call("set_person_active", admin, person_id, True)["credentials_version"] == 2
    assert version(call, demo, "danhgia") == 2


def test_logins_failures_and_a_rehash_leave_it(call, demo, monkeypatch):
    with pytest.raises(AuthenticationFailed):
        call("authenticate", {"username": "danhgia", "password": "sai-mat-khau"})
    monkeypatch.setattr(authentication.PASSWORDS, "hasher", PasswordHasher())  # the stored hash gets replaced
    assert call("authenticate", {"username": "danhgia", "password": "Demo@2026"})["credentials_version"] == 0
    assert version(call, demo, "danhgia") == 0


def test_refused_changes_leave_it(call, demo, actor):
    with pytest.raises(AuthenticationFailed):
        call("change_password", {"actor": actor("nhanvien"), "current_password": "doan-thu",
                                 "new_password": "Dung@2026-moi"})
    assert version(call, demo, "nhanvien") == 0


def test_the_right_current_password_checked_while_an_admin_reset_it_changes_nothing(call, actor, demo,
                                                                                     monkeypatch, context_db):
    """The change is decided where it is recorded: credentials reset meanwhile refuse it."""
    me = actor("nhanvien")
    real_check = authentication.PASSWORDS.check

    def check(stored_hash, given):
        verdict = real_check(stored_hash, given)
        if given == "Demo@2026":
            monkeypatch.setattr(authentication.PASSWORDS, "check", real_check)
            call("reset_password", {"actor": actor("admin"), "person_id": me["id"], "new_password": "Moi@2026!vui"})
        return verdict

    with context_db.connect() as conn:
        before = conn.execute(select(people.c.password_hash).where(people.c.id == me["id"])).scalar()
    monkeypatch.setattr(authentication.PASSWORDS, "check", check)
    with pytest.raises(AuthenticationFailed, match="Mật khẩu hiện tại không đúng."):
        call("change_password", {"actor": me, "current_password": "Demo@2026", "new_password": "Dung@2026-moi"})
    assert version(call, demo, "nhanvien") == 1  # the reset only
    with context_db.connect() as conn:  # the reset's password, not the change's
        after = conn.execute(select(people.c.password_hash).where(people.c.id == me["id"])).scalar()
    assert after != before
    assert call("authenticate", {"username": "nhanvien", "password": "Moi@2026!vui"})["id"] == me["id"]
