"""Bad input is refused with InvalidInput and a message that names the field; passwords are never echoed."""
from __future__ import annotations

import pytest
from eiso_contracts.errors import InvalidInput


def refused(call, method, *args) -> InvalidInput:
    with pytest.raises(InvalidInput) as error:
        call(method, *args)
    assert error.value.message.startswith("Dữ liệu không hợp lệ — ")
    return error.value


def test_credentials_must_be_complete(call):
    assert "password" in refused(call, "authenticate", {"username": "thuky"}).message
    assert "Demo@2026" not in repr(refused(call, "authenticate", "thuky:Demo@2026").args)


def test_unknown_fields_are_refused(call):
    assert "remember_me" in refused(call, "authenticate", {"username": "thuky", "password": "x",
                                                           "remember_me": True}).message


def test_a_short_password_is_refused_without_being_echoed(call, actor, demo):
    error = refused(call, "create_person", {
        "actor": actor("admin"), "username": "ngoc.lan", "full_name": "Vũ Ngọc Lan",
        "department_id": demo.department_id("VP"), "roles": ["staff"], "password": "ngan"})
    assert "password" in error.message
    assert "ngan" not in repr(error.args)


def test_an_unknown_role_is_named(call, actor, demo):
    error = refused(call, "create_person", {
        "actor": actor("admin"), "username": "ngoc.lan", "full_name": "Vũ Ngọc Lan",
        "department_id": demo.department_id("VP"), "roles": ["boss"], "password": "Lan@2026-mk"})
    assert "roles" in error.message and "vai trò không hợp lệ: boss" in error.message
    error = refused(call, "list_people", {"unit_code": "SONGANH", "role": "boss"})
    assert "vai trò không hợp lệ: boss" in error.message


def test_ids_must_be_strings(call):
    assert "person_id" in refused(call, "get_person", 42).message
    assert "person_id" in refused(call, "get_person", "").message
    assert "person_ids" in refused(call, "get_people", "abc").message
    assert "department_id" in refused(call, "get_department", None).message
    assert "unit_code" in refused(call, "get_unit", "").message
    assert "unit_code" in refused(call, "list_departments", ["SONGANH"]).message


def test_an_actor_is_required(call):
    assert "actor" in refused(call, "create_department", {"code": "X", "name": "X"}).message
    assert "actor.unit_code" in refused(call, "create_department", {"actor": {"id": "p"}, "code": "X",
                                                                      "name": "X"}).message


def test_active_must_be_a_real_boolean(call, actor, demo):
    assert "active" in refused(call, "set_person_active", actor("admin"), demo.person_id("thuky"), "no").message


def test_department_codes(call, actor):
    assert "code" in refused(call, "create_department", {"actor": actor("admin"), "code": "Q L", "name": "X"}).message
    assert "sort_order" in refused(call, "create_department", {"actor": actor("admin"), "code": "Q",
                                                               "name": "X", "sort_order": -1}).message
