"""Error pages: Vietnamese, friendly, one table, never a traceback."""
import pytest
from eiso_contracts.errors import (
    AlreadyProcessed, AuthenticationFailed, Conflict, Forbidden, InvalidInput, NotFound, PayloadTooLarge,
)
from nameko.exceptions import RemoteError, RpcTimeout

from eiso_gateway.errors import ERROR_TABLE, PAGES, status_of


@pytest.mark.parametrize("error, status, title", [
    (InvalidInput("Dữ liệu sai."), 422, "Dữ liệu chưa hợp lệ"),
    (AuthenticationFailed("Phiên hết hạn."), 401, "Chưa đăng nhập"),
    (Forbidden("Không được phép."), 403, "Không có quyền truy cập"),
    (NotFound("Không có."), 404, "Không tìm thấy"),
    (AlreadyProcessed("Đã xử lý."), 409, "Dữ liệu đã thay đổi"),
    (Conflict("Trùng."), 409, "Dữ liệu đã thay đổi"),
    (PayloadTooLarge("Quá lớn."), 413, "Tập tin quá lớn"),
    (RpcTimeout("workflow"), 504, "Hệ thống phản hồi chậm"),
])
def test_error_pages(client, auth, fake, error, status, title):
    auth.login()
    fake.fail("workflow", "get_dossier", error)
    response = client.get("/dossiers/1-2026-1-SONGANH")
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert f'<p class="error-status">{status}</p>' in html and title in html
    if hasattr(error, "message"):
        assert error.message in html
    assert "Traceback" not in html
    assert "Nguyễn Văn Lãnh" in html  # the layout with the menu for a signed-in person


def test_500_page_shows_an_incident_id_and_logs_it(client, auth, fake, caplog):
    auth.login()
    fake.fail("workflow", "get_dossier", RemoteError("KeyError", "'handler' at line 42 of secret.py"))
    response = client.get("/dossiers/1-2026-1-SONGANH")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Đã xảy ra lỗi" in html and "Mã sự cố" in html
    assert "secret.py" not in html and "KeyError" not in html
    incident = html.split("Mã sự cố: <strong>")[1].split("</strong>")[0]
    assert incident in caplog.text and "secret.py" in caplog.text


def test_404_for_an_unknown_page(client, auth):
    auth.login()
    response = client.get("/khong-co")
    assert response.status_code == 404
    assert "Trang hoặc dữ liệu bạn tìm không tồn tại." in response.get_data(as_text=True)


def test_error_page_for_anonymous_uses_the_plain_layout(client):
    response = client.get("/khong-co")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'class="sidebar"' not in html and "Đăng nhập" in html


def test_400_page(client, auth):
    auth.login()
    response = client.post("/dossiers/1-2026-1-SONGANH/process", data={})
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.get_data(as_text=True)


def test_every_mapped_status_has_a_page():
    for status, _code, _incident in ERROR_TABLE.values():
        assert status in PAGES


def test_status_follows_the_class_hierarchy():
    class Special(NotFound):
        pass

    assert status_of(Special("x")) == 404
    assert status_of(ValueError("x")) == 500
