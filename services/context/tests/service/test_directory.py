"""Questions about the organisation: people, units, departments."""
from __future__ import annotations

import pytest
from eiso_contracts.errors import Forbidden, NotFound
from eiso_kit.testing.actors import signed


def names(people):
    return [p["full_name"] for p in people]


def test_get_person(call, demo):
    person = call("get_person", demo.person_id("truongphong"))
    assert (person["full_name"], person["roles"], person["department_name"]) == (
        "Lê Văn Cường", ["dept_head"], "Phòng quản lý Khoa học")


def test_get_person_unknown(call):
    with pytest.raises(NotFound, match="Không tìm thấy người dùng."):
        call("get_person", "no-such-person")


def test_get_people_keeps_the_order_asked_and_omits_unknown_ids(call, demo):
    ids = [demo.person_id("nhanvien"), "unknown", demo.person_id("lanhdao"), demo.person_id("nhanvien")]
    assert names(call("get_people", ids)) == ["Phạm Thị Dung", "Nguyễn Văn An"]
    assert call("get_people", []) == []


def test_list_people_sorts_by_department_then_name(call):
    assert names(call("list_people", {"unit_code": "SONGANH"})) == [
        "Nguyễn Văn An",                      # BGD 1
        "Quản trị hệ thống", "Trần Thị Bình",  # VP 2
        "Lê Văn Cường", "Phạm Thị Dung",       # QLKH 4
        "Hoàng Văn Em",                       # TTS 5
    ]


def test_list_people_by_role_and_department(call, demo):
    assert names(call("list_people", {"unit_code": "SONGANH", "role": "staff"})) == ["Phạm Thị Dung", "Hoàng Văn Em"]
    qlkh = demo.department_id("QLKH")
    assert names(call("list_people", {"unit_code": "SONGANH", "department_id": qlkh})) == [
        "Lê Văn Cường", "Phạm Thị Dung"]
    assert names(call("list_people", {"unit_code": "SONGANH", "department_id": qlkh, "role": "staff"})) == [
        "Phạm Thị Dung"]
    assert call("list_people", {"unit_code": "SONGANH", "role": "auditor", "department_id": qlkh}) == []


def test_list_people_leaves_out_inactive_people(call, actor, demo):
    call("set_person_active", actor("admin"), demo.person_id("nhanvien"), False)
    assert "Phạm Thị Dung" not in names(call("list_people", {"unit_code": "SONGANH"}))
    assert call("get_person", demo.person_id("nhanvien"))["active"] is False  # still found by id


def test_list_people_of_an_unknown_unit(call):
    with pytest.raises(NotFound, match="Không tìm thấy đơn vị."):
        call("list_people", {"unit_code": "KHONGCO"})


def test_units(call):
    assert call("get_unit", "SONGANH") == {"code": "SONGANH", "name": "Sở Khoa học và Công nghệ tỉnh Quảng Bình"}
    with pytest.raises(NotFound, match="Không tìm thấy đơn vị."):
        call("get_unit", "KHONGCO")


def test_departments_in_their_order(call, demo):
    listed = call("list_departments", "SONGANH")
    assert [(d["code"], d["name"], d["sort_order"]) for d in listed] == [
        ("BGD", "Ban Giám đốc", 1), ("VP", "Văn phòng sở", 2), ("QLCN", "Phòng quản lý Công nghệ", 3),
        ("QLKH", "Phòng quản lý Khoa học", 4), ("TTS", "Thanh tra Sở", 5)]
    assert call("get_department", demo.department_id("TTS")) == {
        "id": demo.department_id("TTS"), "unit_code": "SONGANH", "code": "TTS", "name": "Thanh tra Sở",
        "sort_order": 5}


def test_unknown_department(call):
    with pytest.raises(NotFound, match="Không tìm thấy phòng ban."):
        call("get_department", "no-such-department")
    with pytest.raises(NotFound, match="Không tìm thấy đơn vị."):
        call("list_departments", "KHONGCO")


# -- inactive people, for the unit's admin only ---------------------------------------------------------

ADMINS_ONLY = "Chỉ quản trị hệ thống mới được thực hiện thao tác này."


def test_the_admin_lists_inactive_people_too(call, actor, demo):
    admin = actor("admin")
    call("set_person_active", admin, demo.person_id("nhanvien"), False)
    everyone = call("list_people", {"unit_code": "SONGANH", "actor": admin, "include_inactive": True})
    assert names(everyone) == ["Nguyễn Văn An", "Quản trị hệ thống", "Trần Thị Bình", "Lê Văn Cường",
                               "Phạm Thị Dung", "Hoàng Văn Em"]
    assert [p["full_name"] for p in everyone if not p["active"]] == ["Phạm Thị Dung"]
    assert names(call("list_people", {"unit_code": "SONGANH", "actor": admin, "include_inactive": True,
                                      "role": "staff"})) == ["Phạm Thị Dung", "Hoàng Văn Em"]
    # an actor alone changes nothing
    assert "Phạm Thị Dung" not in names(call("list_people", {"unit_code": "SONGANH", "actor": admin}))


def test_inactive_people_are_listed_for_no_one_else(call, actor, demo):
    admin = actor("admin")
    call("set_person_active", admin, demo.person_id("nhanvien"), False)
    claimed_admin = signed({**actor("thuky"), "roles": ["secretary", "admin"]})  # the record says secretary
    another_unit = signed({**admin, "unit_code": "SOTAICHINH"})
    deactivated_admin = call("create_person", {
        "actor": admin, "username": "admin2", "full_name": "Quản trị 2", "department_id": demo.department_id("VP"),
        "roles": ["admin"], "password": "Lan@2026-mk"})
    call("set_person_active", admin, deactivated_admin["id"], False)
    deactivated_admin = signed({"id": deactivated_admin["id"], "unit_code": "SONGANH", "roles": ["admin"]})
    for someone in (None, actor("lanhdao"), claimed_admin, another_unit, deactivated_admin):
        query = {"unit_code": "SONGANH", "include_inactive": True}
        if someone is not None:
            query["actor"] = someone
        with pytest.raises(Forbidden, match=ADMINS_ONLY):
            call("list_people", query)
