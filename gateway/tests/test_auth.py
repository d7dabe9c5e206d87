"""Đăng nhập / Đăng xuất, the session cookie and who may see what."""
import pytest
from fakes import PASSWORD



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


def replay(client, cookie: str) -> None:
    """Put a copied session cookie back into the browser (what an attacker holding it would do)."""
    client.set_cookie("eiso_session", cookie, domain="localhost")


def session_cookie(client) -> str:
    return client.get_cookie("eiso_session", domain="localhost").value


def test_a_cookie_replayed_after_logout_opens_nothing(client, auth, fake):
    """Finding 1: the signed cookie copied before "Đăng xuất" no longer opens a page or saves an action."""
    auth.login()
    copied = session_cookie(client)
    form = client.get("/dossiers/1-2026-1-SONGANH/process")
    assert form.status_code == 200
    token = auth.csrf("/dossiers/1-2026-1-SONGANH/process")
    auth.logout()
    replay(client, copied)
    assert client.get("/dossiers/1-2026-1-SONGANH/process").status_code == 302
    saved = client.post("/dossiers/1-2026-1-SONGANH/process", data={"csrf_token": token, "action": "save",
                                                                    "expected_version": "2"})
    assert saved.status_code in (302, 400) and not fake.sent("workflow", "act")


def test_logout_ends_every_session_of_the_person_browsers_and_tokens(app, auth, client, api_token):
    from gateway_helpers import AuthActions

    other_browser = app.test_client()
    AuthActions(other_browser).login()
    token = api_token("lanhdao")
    colleague = api_token("thuky")
    auth.login()
    auth.logout()
    assert other_browser.get("/").status_code == 302
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert client.get("/api/v1/me", headers=colleague).status_code == 200


def test_the_api_signs_out_too(client, api_token):
    token = api_token("lanhdao")
    answer = client.post("/api/v1/auth/logout", headers=token)
    assert answer.status_code == 200 and answer.get_json() == {"ended": 1}
    refused = client.get("/api/v1/me", headers=token)
    assert refused.status_code == 401 and "Vui lòng lấy mã mới" in refused.get_json()["message"]


def test_a_deactivated_person_cannot_act_from_that_moment(client, auth, fake, api_token):
    """Finding 2: no grace period, on the web and the API alike."""
    auth.login()
    token = api_token("lanhdao")
    assert client.get("/").status_code == 200
    fake.context.set_person_active({"id": "p-admin", "unit_code": "SONGANH", "roles": ["admin"]}, "p-leader", False)
    assert client.get("/dossiers/1-2026-1-SONGANH/process").status_code == 302
    assert client.post("/api/v1/dossiers/1-2026-1-SONGANH/actions", headers=token,
                       json={"expected_version": 2, "action": "save"}).status_code == 401
    assert not fake.sent("workflow", "act")


def test_a_role_change_shows_on_the_next_page(client, auth, fake):
    auth.login_as("staff")
    assert client.get("/admin/").status_code == 403
    fake.context.people["p-staff"] = fake.context.people["p-staff"].model_copy(update={"roles": ["staff", "admin"]})
    assert client.get("/admin/").status_code == 302


def test_every_page_asks_whether_the_session_is_still_open(client, auth, fake):
    auth.login()
    before = len(fake.sent("context", "check_session"))
    client.get("/")
    client.get("/dossiers/")
    assert len(fake.sent("context", "check_session")) == before + 2
    client.get("/static/css/eiso.css")
    assert len(fake.sent("context", "check_session")) == before + 2


def test_when_the_context_service_is_down_pages_answer_503_and_the_session_stays(client, auth, fake):
    from nameko.exceptions import RpcTimeout

    auth.login()
    fake.fail("context", "check_session", RpcTimeout("context"))
    assert client.get("/").status_code == 504
    assert client.get("/").status_code == 200  # nobody was signed out by the outage


def test_a_cookie_from_before_sessions_were_kept_on_the_server_is_anonymous(client, auth):
    auth.login()
    with client.session_transaction() as session:
        session.pop("sid")
        session["user"] = {"id": "p-leader", "username": "lanhdao", "full_name": "x", "unit_code": "SONGANH"}
    assert client.get("/").status_code == 302


def test_change_password(client, auth, fake):
    auth.login()
    token = auth.csrf("/account/password")
    bad = client.post("/account/password", data={"csrf_token": token, "current_password": "x",
                                                 "new_password": "moi-12345-ab", "confirm_password": "khac-1234-ab"})
    assert bad.status_code == 422 and "Mật khẩu nhập lại không khớp." in bad.get_data(as_text=True)
    wrong = client.post("/account/password", data={"csrf_token": token, "current_password": "x",
                                                   "new_password": "moi-12345-ab", "confirm_password": "moi-12345-ab"})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng." in wrong.get_data(as_text=True)
    ok = client.post("/account/password", data={"csrf_token": token, "current_password": PASSWORD,
                                                "new_password": "moi-12345-ab", "confirm_password": "moi-12345-ab"})
    assert ok.status_code == 302
    assert fake.context.passwords["lanhdao"] == "moi-12345-ab"


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


# -- a password change, a reset: the other sessions and tokens end at once --------------------------------
def test_sessions_end_after_a_password_change_but_not_the_one_that_changed_it(app, client, api_token):
    from gateway_helpers import AuthActions

    stolen, victim = app.test_client(), app.test_client()
    AuthActions(stolen).login("chuyenvien")
    token = api_token("chuyenvien")
    victim_auth = AuthActions(victim)
    victim_auth.login("chuyenvien")
    response = victim.post("/account/password", data={
        "csrf_token": victim_auth.csrf("/account/password"), "current_password": PASSWORD,
        "new_password": "Moi@2026-abcd", "confirm_password": "Moi@2026-abcd"})
    assert response.status_code == 302
    assert stolen.get("/dossiers/").status_code == 302  # back to the login page
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert victim.get("/dossiers/").status_code == 200


def test_an_admin_reset_ends_the_persons_sessions(client, auth, app):
    from gateway_helpers import AuthActions

    person = app.test_client()
    AuthActions(person).login("chuyenvien")
    auth.login_as("admin")
    client.post("/admin/people/p-staff/password", data={"csrf_token": auth.csrf("/admin/people"),
                                                        "new_password": "mat-khau-moi-2026"})
    assert person.get("/").status_code == 302


def test_an_admin_resetting_their_own_password_signs_in_again(client, auth):
    auth.login_as("admin")
    response = client.post("/admin/people/p-admin/password", data={"csrf_token": auth.csrf("/admin/people"),
                                                                   "new_password": "mat-khau-moi-2026"})
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert auth.login("quantri", "mat-khau-moi-2026").status_code == 302


def test_tokens_are_refused_after_a_password_change(client, api_token, fake):
    headers = api_token("chuyenvien")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    fake.context.end_sessions_of("p-staff")  # what change_password / reset_password / deactivation do
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401 and "Vui lòng lấy mã mới" in response.get_json()["message"]
    assert client.get("/api/v1/me", headers=api_token("chuyenvien")).status_code == 200  # a new token works


def test_a_deactivated_then_reactivated_persons_old_token_stays_refused(client, api_token, fake):
    headers = api_token("chuyenvien")
    admin = {"id": "p-admin", "unit_code": "SONGANH", "roles": ["admin"]}
    fake.context.set_person_active(admin, "p-staff", False)  # "Khóa", then "Mở khóa"
    fake.context.set_person_active(admin, "p-staff", True)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_token_of_the_old_format_is_refused(client, app):
    from itsdangerous import URLSafeTimedSerializer

    old = URLSafeTimedSerializer(app.secret_key, salt="eiso-api-token").dumps(
        {"id": "p-leader", "username": "lanhdao", "full_name": "x", "unit_code": "SONGANH", "cv": 0})
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {old}"})
    assert response.status_code == 401
