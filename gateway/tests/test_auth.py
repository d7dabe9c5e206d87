"""Đăng nhập / Đăng xuất, the session cookie and who may see what."""
import time

import pytest
from fakes import PASSWORD

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
    fake.context.people["p-leader"] = fake.context.people["p-leader"].model_copy(update={"active": False})
    assert client.get("/").status_code == 200  # identity re-read only every few minutes
    with client.session_transaction() as session:
        session["checked_at"] = 0
    assert client.get("/").status_code == 302


def test_role_change_is_picked_up_at_recheck(client, auth, fake):
    auth.login_as("staff")
    assert client.get("/admin/").status_code == 403
    fake.context.people["p-staff"] = fake.context.people["p-staff"].model_copy(update={"roles": ["staff", "admin"]})
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
    assert fake.context.passwords["lanhdao"] == "moi-12345"


def test_language_switch_keeps_english_after_login(client, auth):
    token = auth.csrf("/login")
    response = client.post("/language", data={"lang": "en", "next": "/login", "csrf_token": token})
    assert response.headers["Location"] == "/login"
    assert "Sign in" in client.get("/login").get_data(as_text=True)
    auth.login()
    html = client.get("/").get_data(as_text=True)
    assert "Home" in html and 'lang="en"' in html


# -- control characters -------------------------------------------------------------------------------
@pytest.mark.parametrize("username, password", [("lanhdao\x00", PASSWORD), ("lanh\x1bdao", PASSWORD),
                                                ("lanhdao", "mat\x00khau")])
def test_control_character_in_the_credentials_is_a_clear_401_with_the_form_kept(client, auth, fake,
                                                                               username, password):
    response = auth.login(username, password)
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert "Tên đăng nhập hoặc mật khẩu chứa ký tự không hợp lệ." in html
    assert 'name="username" type="text" value="lanhdao"' in html  # what was typed, minus the invisible part
    assert not fake.sent("context", "authenticate")
    assert client.get("/").status_code == 302


def test_a_username_longer_than_any_is_wrong_credentials(client, auth, fake):
    response = auth.login("a" * 65, PASSWORD)
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["/\x00", "/do\nssiers", "/\x7f"])
def test_next_with_control_characters_goes_home(client, auth, target):
    token = auth.csrf("/login")
    response = client.post("/login", data={"username": "lanhdao", "password": PASSWORD, "csrf_token": token,
                                           "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"


# -- credentials_version: a password change ends the other sessions and tokens ------------------------
def _recheck_now(client):
    with client.session_transaction() as session:
        session["checked_at"] = 0


def test_sessions_end_after_a_password_change_but_not_the_one_that_changed_it(app):
    from gateway_helpers import AuthActions

    stolen, victim = app.test_client(), app.test_client()
    AuthActions(stolen).login("chuyenvien")
    victim_auth = AuthActions(victim)
    victim_auth.login("chuyenvien")
    response = victim.post("/account/password", data={
        "csrf_token": victim_auth.csrf("/account/password"), "current_password": PASSWORD,
        "new_password": "Moi@2026-abcd", "confirm_password": "Moi@2026-abcd"})
    assert response.status_code == 302
    for client in (stolen, victim):
        _recheck_now(client)
    assert stolen.get("/dossiers/").status_code == 302  # back to the login page
    assert victim.get("/dossiers/").status_code == 200


def test_an_admin_reset_ends_the_persons_sessions(client, auth, app):
    from gateway_helpers import AuthActions

    person = app.test_client()
    AuthActions(person).login("chuyenvien")
    auth.login_as("admin")
    client.post("/admin/people/p-staff/password", data={"csrf_token": auth.csrf("/admin/people"),
                                                        "new_password": "mat-khau-moi"})
    _recheck_now(person)
    assert person.get("/").status_code == 302


def test_an_admin_resetting_their_own_password_stays_signed_in(client, auth):
    auth.login_as("admin")
    client.post("/admin/people/p-admin/password", data={"csrf_token": auth.csrf("/admin/people"),
                                                        "new_password": "mat-khau-moi"})
    _recheck_now(client)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("changed, status", [(False, 200), (True, 302)])
def test_a_session_from_before_versions_counts_as_version_0(client, auth, fake, changed, status):
    auth.login()
    with client.session_transaction() as session:
        session.pop("cv")  # signed in before the gateway stored versions
    if changed:
        fake.context.bump_version("p-leader")
    _recheck_now(client)
    assert client.get("/").status_code == status


def test_tokens_are_refused_after_a_password_change(client, api_token, fake):
    headers = api_token("chuyenvien")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    fake.context.bump_version("p-staff")  # change_password / reset_password / deactivation
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401 and "mật khẩu đã thay đổi" in response.get_json()["message"]
    assert client.get("/api/v1/me", headers=api_token("chuyenvien")).status_code == 200  # a new token works


def test_a_deactivated_then_reactivated_persons_old_token_stays_refused(client, api_token, fake):
    headers = api_token("chuyenvien")
    admin = {"id": "p-admin", "unit_code": "SONGANH", "roles": ["admin"]}
    fake.context.set_person_active(admin, "p-staff", False)  # "Khóa", then "Mở khóa"
    fake.context.set_person_active(admin, "p-staff", True)
    assert client.get("/api/v1/me", headers=headers).status_code == 401
