"""Headers, CSRF, the secret key and the no-inline-script rule."""
import os
import re
import stat

import pytest
from gateway_helpers import ROLE_USERS

from eiso_gateway import create_app
from eiso_gateway.security import InsecureSecretKey, secret_key


def test_security_headers_on_every_page(client, auth):
    for response in (client.get("/login"), auth.login(), client.get("/")):
        headers = response.headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_are_not_cached_but_static_is(client, auth):
    auth.login()
    assert client.get("/").headers["Cache-Control"] == "no-store"
    css = client.get("/static/css/eiso.css")
    assert css.status_code == 200 and "no-store" not in css.headers.get("Cache-Control", "")


@pytest.mark.parametrize("path, data", [
    ("/login", {"username": "lanhdao", "password": "x"}),
    ("/logout", {}),
    ("/language", {"lang": "en"}),
    ("/dossiers/1-2026-1-SONGANH/process", {"action": "save", "expected_version": "2"}),
    ("/quality/policies/new", {"content_year": "2026"}),
    ("/admin/departments", {"code": "X", "name": "Y"}),
    ("/account/password", {"current_password": "x"}),
])
def test_csrf_rejects_a_form_without_token(client, auth, fake, path, data):
    auth.login_as("admin" if path.startswith("/admin") else "secretary" if "quality" in path else "leader")
    calls = len(fake.calls)
    response = client.post(path, data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in html
    assert not [c for c in fake.calls[calls:] if c[1] in ("act", "create_department", "authenticate", "start_session",
                                                           "submit_policy", "change_password")]


def test_csrf_rejects_a_forged_token(client, auth):
    auth.login()
    response = client.post("/dossiers/1-2026-1-SONGANH/process",
                           data={"csrf_token": "forged", "action": "save", "expected_version": "2"})
    assert response.status_code == 400


def test_api_is_exempt_from_csrf_and_ignores_the_cookie(client, auth):
    auth.login()  # a browser session exists...
    response = client.get("/api/v1/me")  # ...but the API only accepts a bearer token
    assert response.status_code == 401
    assert response.get_json()["error"] == "AUTHENTICATION_FAILED"
    token = client.post("/api/v1/auth/token", json={"username": "lanhdao", "password": "matkhau123"})
    assert token.status_code == 200  # no CSRF token needed


def test_secret_key_is_generated_once_with_0600(make_settings, tmp_path):
    settings = make_settings()
    first = secret_key(settings)
    path = settings.data_dir / "secret_key"
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert secret_key(settings) == first
    assert len(first) >= 40


def test_secret_key_from_environment(make_settings, fake):
    settings = make_settings(secret_key="k" * 48)
    app = create_app(settings, rpc=fake)
    assert app.secret_key == "k" * 48
    assert not (settings.data_dir / "secret_key").exists()


@pytest.mark.parametrize("value, reason", [
    ("change-me-to-a-long-random-string", "placeholder"),       # docker-compose.yml's old public default
    ("CHANGE-ME-please-0123456789abcdefghijklmnop", "placeholder"),
    ("short-key-123", "too short"),
    ("   ", "empty"),
])
def test_a_known_short_or_blank_key_stops_the_gateway(make_settings, fake, value, reason):
    """Anyone who can read the key can sign a session cookie for any person, unit and role."""
    settings = make_settings(secret_key=value)
    with pytest.raises(InsecureSecretKey, match="EISO_SECRET_KEY") as refused:
        create_app(settings, rpc=fake)
    assert reason in str(refused.value) and "secrets.token_urlsafe(48)" in str(refused.value)
    assert not (settings.data_dir / "secret_key").exists()  # no silent fallback to a generated key


def test_a_key_set_but_empty_stops_the_gateway(make_settings, fake):
    settings = make_settings(secret_key="")  # e.g. compose.env.example copied without filling it in
    assert settings.secret_key == ""  # set-but-empty stays distinct from unset
    with pytest.raises(InsecureSecretKey, match="EISO_SECRET_KEY is set but empty"):
        create_app(settings, rpc=fake)


def test_unset_key_is_generated_even_with_the_variable_absent(make_settings, fake, monkeypatch):
    monkeypatch.delenv("EISO_SECRET_KEY", raising=False)
    settings = make_settings()
    app = create_app(settings, rpc=fake)
    assert app.secret_key == (settings.data_dir / "secret_key").read_text().strip()


def test_two_apps_with_the_same_data_dir_share_the_key(settings, fake):
    """Any number of gateway copies: a cookie signed by one is valid in the other."""
    from gateway_helpers import AuthActions

    one, two = create_app(settings, rpc=fake), create_app(settings, rpc=fake)
    c1 = one.test_client()
    AuthActions(c1).login()
    cookie = c1.get_cookie("eiso_session")
    c2 = two.test_client()
    c2.set_cookie("eiso_session", cookie.value)
    assert c2.get("/").status_code == 200


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.I)
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)


@pytest.mark.parametrize("role", sorted(ROLE_USERS))
def test_no_inline_script_style_or_cdn(client, auth, role):
    auth.login_as(role)
    pages = ["/", "/dossiers/", "/dossiers/1-2026-1-SONGANH", "/quality/policies", "/account/password"]
    if role == "leader":
        pages.append("/dossiers/1-2026-1-SONGANH/process")
    if role == "secretary":
        pages.append("/quality/policies/new")
    if role == "admin":
        pages += ["/admin/departments", "/admin/people"]
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        assert not INLINE_SCRIPT.search(html), path
        assert not INLINE_HANDLER.search(html), path
        assert not INLINE_STYLE.search(html), path
        assert not EXTERNAL.search(html), path


@pytest.mark.parametrize("asset", ["css/eiso.css", "js/handler-filter.js", "js/process-form.js", "js/confirm.js",
                                   "js/upload-limit.js",
                                   "img/icons.svg", "img/logo.svg", "img/favicon.svg"])
def test_static_assets_are_served_locally(client, asset):
    response = client.get(f"/static/{asset}")
    assert response.status_code == 200
    assert b"http://" not in response.data.replace(b"http://www.w3.org/2000/svg", b"")
    assert b"https://" not in response.data
