"""Đăng nhập / Đăng xuất, the session cookie and who may see what."""
import time

import pytest
from gateway_fakes import PASSWORD

from eiso_gateway.identity import SESSION_SECONDS


def test_login_page_renders_in_vietnamese(client):
    page = client.get("/login")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Đăng nhập" in html and "HỆ THỐNG ISO ĐIỆN TỬ" in html
    assert '<label for="username">Tên đăng nhập</label>' in html
    assert '<label for="password">Mật khẩu</label>' in html


def test_login_then_home(client, auth):
    response = auth.login()
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Nguyễn Văn Lãnh" in home.get_data(as_text=True)


def test_bad_credentials_show_a_clear_error_and_keep_the_username(client, auth):
    response = auth.login("lanhdao", "sai-mat-khau")
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in html
    assert 'value="lanhdao"' in html
    assert client.get("/").status_code == 302  # still anonymous


def test_empty_credentials(client, auth):
    response = auth.login("", "")
    assert response.status_code == 401
    assert "Vui lòng nhập tên đăng nhập và mật khẩu." in response.get_data(as_text=True)


def test_anonymous_is_sent_to_login_and_back(client, auth):
    response = client.get("/dossiers/?tab=done")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    token = auth.csrf("/login")
    back = client.post("/login", data={"username": "lanhdao", "password": PASSWORD, "csrf_token": token,
                                       "next": "/dossiers/?tab=done"})
    assert back.headers["Location"] == "/dossiers/?tab=done"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil"])
def test_no_open_redirect_after_login(client, auth, target):
    token = auth.csrf("/login")
    response = client.post("/login", data={"username": "lanhdao", "password": PASSWORD, "csrf_token": token,
                                           "next": target})
    assert response.headers["Location"] == "/"


def test_logout(client, auth):
    auth.login()
    response = auth.logout()
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_logout_needs_post_with_csrf(client, auth):
    auth.login()
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_session_cookie_flags(client, auth):
    response = auth.login()
    cookie = response.headers["Set-Cookie"]
    assert "eiso_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Expires=" in cookie  # a permanent (8 h) session


def test_secure_cookie_when_configured(make_settings, fake, documents):
    from eiso_gateway import create_app
    from gateway_helpers import AuthActions

    app = create_app(make_settings(documents_url=documents.url, secure_cookies=1), rpc=fake)
    client = app.test_client()
    response = AuthActions(client).login()
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers


def test_session_ends_after_eight_hours(client, auth):
    auth.login()
    with client.session_transaction() as session:
        session["login_at"] = int(time.time()) - SESSION_SECONDS - 5
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_deactivated_person_is_signed_out_at_the_next_recheck(client, auth, fake):
    auth.login()
    fake.people["p-leader"] = fake.people["p-leader"].model_copy(update={"active": False})
    assert client.get("/").status_code == 200  # identity re-read only every few minutes
    with client.session_transaction() as session:
        session["checked_at"] = 0
    assert client.get("/").status_code == 302


def test_role_change_is_picked_up_at_recheck(client, auth, fake):
    auth.login_as("staff")
    assert client.get("/admin/").status_code == 403
    fake.people["p-staff"] = fake.people["p-staff"].model_copy(update={"roles": ["staff", "admin"]})
    with client.session_transaction() as session:
        session["checked_at"] = 0
    assert client.get("/admin/").status_code == 302


def test_recheck_failure_does_not_lock_people_out(client, auth, fake):
    from nameko.exceptions import RpcTimeout

    auth.login()
    with client.session_transaction() as session:
        session["checked_at"] = 0
    fake.fail("context", "get_person", RpcTimeout("context"))
    assert client.get("/").status_code == 200


def test_change_password(client, auth, fake):
    auth.login()
    token = auth.csrf("/account/password")
    bad = client.post("/account/password", data={"csrf_token": token, "current_password": "x",
                                                 "new_password": "moi-12345", "confirm_password": "khac-1234"})
    assert bad.status_code == 422 and "Mật khẩu nhập lại không khớp." in bad.get_data(as_text=True)
    wrong = client.post("/account/password", data={"csrf_token": token, "current_password": "x",
                                                   "new_password": "moi-12345", "confirm_password": "moi-12345"})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng." in wrong.get_data(as_text=True)
    ok = client.post("/account/password", data={"csrf_token": token, "current_password": PASSWORD,
                                                "new_password": "moi-12345", "confirm_password": "moi-12345"})
    assert ok.status_code == 302
    assert fake.passwords["lanhdao"] == "moi-12345"


def test_language_switch_keeps_english_after_login(client, auth):
    token = auth.csrf("/login")
    response = client.post("/language", data={"lang": "en", "next": "/login", "csrf_token": token})
    assert response.headers["Location"] == "/login"
    assert "Sign in" in client.get("/login").get_data(as_text=True)
    auth.login()
    html = client.get("/").get_data(as_text=True)
    assert "Home" in html and 'lang="en"' in html
