"""Quản trị: departments and people."""
import re

import pytest
from eiso_contracts.errors import Conflict


@pytest.fixture
def admin(client, auth):
    auth.login_as("admin")
    return client


def test_departments_list_and_create(admin, auth, fake):
    html = admin.get("/admin/departments").get_data(as_text=True)
    assert re.findall(r"<tr><td>\d+</td><td>\w+</td><td>([^<]+)</td></tr>", html) == [
        "Ban Giám đốc", "Văn phòng sở", "Phòng quản lý Khoa học", "Thanh tra Sở"]
    response = admin.post("/admin/departments", data={"csrf_token": auth.csrf("/admin/departments"),
                                                      "code": "QLCN", "name": "Phòng quản lý Công nghệ"})
    assert response.status_code == 302
    (command,), _ = fake.last("context", "create_department")
    assert command["code"] == "QLCN" and command["name"] == "Phòng quản lý Công nghệ"
    assert command["actor"]["roles"] == ["admin"]
    assert "Phòng quản lý Công nghệ" in admin.get("/admin/departments").get_data(as_text=True)


def test_duplicate_department_keeps_the_input(admin, auth):
    response = admin.post("/admin/departments", data={"csrf_token": auth.csrf("/admin/departments"),
                                                      "code": "VP", "name": "Văn phòng 2"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Mã phòng ban đã tồn tại." in html and 'value="Văn phòng 2"' in html


def test_people_list(admin):
    html = admin.get("/admin/people").get_data(as_text=True)
    assert "Nguyễn Văn Lãnh" in html and "lanhdao" in html and "Lãnh đạo đơn vị" in html
    assert "Người Đơn Vị Khác" not in html
    for code, label in [("leader", "Lãnh đạo đơn vị"), ("secretary", "Thư ký ISO"), ("admin", "Quản trị hệ thống")]:
        assert f'<input type="checkbox" id="role_{code}" name="roles" value="{code}"><label for="role_{code}">{label}</label>' in html


def test_create_person_with_roles(admin, auth, fake):
    response = admin.post("/admin/people", data={
        "csrf_token": auth.csrf("/admin/people"), "username": "Nguyenb", "full_name": "Nguyễn Văn B",
        "title": "Chuyên viên", "department_id": "d-khoahoc", "roles": ["staff", "auditor"],
        "password": "matkhau-moi-1"})
    assert response.status_code == 302
    (command,), _ = fake.last("context", "create_person")
    assert command["username"] == "nguyenb" and sorted(command["roles"]) == ["auditor", "staff"]
    assert command["department_id"] == "d-khoahoc" and command["password"] == "matkhau-moi-1"


@pytest.mark.parametrize("fields, message", [
    ({"roles": []}, "Vui lòng chọn ít nhất một vai trò."),
    ({"password": "ngan"}, "Mật khẩu phải có ít nhất 10 ký tự."),
    ({"department_id": ""}, "Vui lòng chọn phòng ban."),
])
def test_create_person_checks_keep_the_input(admin, auth, fake, fields, message):
    data = {"csrf_token": auth.csrf("/admin/people"), "username": "moi", "full_name": "Người Mới",
            "department_id": "d-vp", "roles": ["staff"], "password": "matkhau-123"}
    data.update(fields)
    response = admin.post("/admin/people", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and 'value="Người Mới"' in html
    assert not fake.sent("context", "create_person")


def test_duplicate_username(admin, auth):
    response = admin.post("/admin/people", data={
        "csrf_token": auth.csrf("/admin/people"), "username": "lanhdao", "full_name": "Trùng",
        "department_id": "d-vp", "roles": ["staff"], "password": "matkhau-123"})
    assert response.status_code == 409
    assert "Tên đăng nhập đã tồn tại." in response.get_data(as_text=True)


def test_reset_password(admin, auth, fake):
    response = admin.post("/admin/people/p-staff/password",
                          data={"csrf_token": auth.csrf("/admin/people"), "new_password": "mat-khau-moi"})
    assert response.status_code == 302
    assert fake.context.passwords["chuyenvien"] == "mat-khau-moi"
    assert "Đã đặt lại mật khẩu." in admin.get("/admin/people").get_data(as_text=True)


def test_deactivate_and_activate(admin, auth, fake):
    token = auth.csrf("/admin/people")
    admin.post("/admin/people/p-staff/active", data={"csrf_token": token, "active": "0"})
    assert fake.context.people["p-staff"].active is False
    (actor, person_id, active), _ = fake.last("context", "set_person_active")
    assert person_id == "p-staff" and active is False and actor["id"] == "p-admin"
    admin.post("/admin/people/p-staff/active", data={"csrf_token": token, "active": "1"})
    assert fake.context.people["p-staff"].active is True


def test_admin_cannot_lock_themselves(admin, auth, fake):
    admin.post("/admin/people/p-admin/active", data={"csrf_token": auth.csrf("/admin/people"), "active": "0"})
    assert fake.context.people["p-admin"].active is True
    assert not fake.sent("context", "set_person_active")


def test_deactivated_person_cannot_log_in(admin, auth, client, fake):
    admin.post("/admin/people/p-staff/active", data={"csrf_token": auth.csrf("/admin/people"), "active": "0"})
    auth.logout()
    assert auth.login("chuyenvien").status_code == 401


def test_conflict_on_reset_is_a_message(admin, auth, fake):
    fake.fail("context", "reset_password", Conflict("Không thể đặt lại."))
    admin.post("/admin/people/p-staff/password",
               data={"csrf_token": auth.csrf("/admin/people"), "new_password": "mat-khau-moi"})
    assert "Không thể đặt lại." in admin.get("/admin/people").get_data(as_text=True)


def test_locked_people_stay_listed_with_the_unlock_form(admin, auth, fake):
    admin.post("/admin/people/p-staff/active", data={"csrf_token": auth.csrf("/admin/people"), "active": "0"})
    html = admin.get("/admin/people").get_data(as_text=True)
    (query,), _ = fake.last("context", "list_people")
    assert query["include_inactive"] is True and query["actor"]["id"] == "p-admin"
    row = re.search(r'<tr class="is-inactive">.*?</tr>', html, re.S).group(0)
    assert "Hoàng Văn Viên" in row and "Đã khóa" in row
    assert 'action="/admin/people/p-staff/active"' in row and '<input type="hidden" name="active" value="1">' in row
    assert ">Mở khóa</button>" in row
    assert 'action="/admin/people/p-staff/password"' in row  # a new password before unlocking
    admin.post("/admin/people/p-staff/active", data={"csrf_token": auth.csrf("/admin/people"), "active": "1"})
    assert fake.context.people["p-staff"].active is True


def test_locked_people_come_after_active_ones(admin, auth, fake):
    fake.context.people["p-auditor"] = fake.context.people["p-auditor"].model_copy(update={"active": False})
    html = admin.get("/admin/people").get_data(as_text=True)
    assert html.index("Đỗ Thị Đánh") > html.index("Vũ Quản Trị")


def test_other_pages_list_active_people_only(client, auth, fake):
    auth.login()
    client.get("/dossiers/1-2026-1-SONGANH/process")
    sent = [query for (query,), _ in fake.sent("context", "list_people")]
    assert sent and not any(query["include_inactive"] or query["actor"] for query in sent)
