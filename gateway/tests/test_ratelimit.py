"""Sign-in throttling: per client address and per account, 429 with Retry-After, nobody locked out.

Addresses here are labels in the test client's WSGI environment (no traffic goes anywhere).
"""
from __future__ import annotations

import os
import uuid

import pytest
from fakes import PASSWORD
from gateway_helpers import csrf_token

from eiso_gateway import create_app

OWNER_DESK, STRANGER, OTHER = "198.51.100.10", "203.0.113.66", "203.0.113.77"


@pytest.fixture
def throttled(make_settings, documents, fake):
    """An app whose budgets are small: 3 failures per account, 6 per address (per hour)."""
    def build(**overrides):
        settings = make_settings(documents_url=documents.url, max_upload_mb=1,
                                 login_limit_per_account="3/hour", login_limit_per_address="6/hour", **overrides)
        return create_app(settings, rpc=fake, test_config={"TESTING": True})
    return build


def browser(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def web_login(client, username, password):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def api_login(client, username, password, **headers):
    return client.post("/api/v1/auth/token", json={"username": username, "password": password}, headers=headers)


def test_failures_on_an_account_are_throttled_with_retry_after_not_locked(throttled, fake):
    app = throttled()
    stranger = browser(app, STRANGER)
    for _ in range(3):
        assert web_login(stranger, "lanhdao", "doan-sai").status_code == 401
    checks = len(fake.sent("context", "start_session"))
    page = web_login(stranger, "lanhdao", "doan-sai")
    assert page.status_code == 429
    assert 0 < int(page.headers["Retry-After"]) <= 3600
    html = page.get_data(as_text=True)
    assert "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau" in html and "phút." in html
    assert "khóa" not in html  # a throttle, not a lock
    assert len(fake.sent("context", "start_session")) == checks  # the password was not even checked


def test_a_stranger_cannot_lock_the_owner_out(throttled):
    """The owner signed in from their desk before; a stranger spends the account's budget elsewhere."""
    app = throttled()
    desk = browser(app, OWNER_DESK)
    assert web_login(desk, "lanhdao", PASSWORD).status_code == 302
    desk.post("/logout", data={"csrf_token": csrf_token(desk, "/")})
    stranger = browser(app, STRANGER)
    for _ in range(5):
        web_login(stranger, "lanhdao", "doan-sai")
    assert web_login(stranger, "lanhdao", PASSWORD).status_code == 429  # strangers wait...
    assert web_login(browser(app, OTHER), "lanhdao", PASSWORD).status_code == 429  # ...new places too
    assert web_login(desk, "lanhdao", PASSWORD).status_code == 302  # the owner at their desk does not


def test_the_owners_known_address_has_a_budget_of_its_own(throttled):
    app = throttled()
    desk = browser(app, OWNER_DESK)
    assert web_login(desk, "lanhdao", PASSWORD).status_code == 302
    desk.post("/logout", data={"csrf_token": csrf_token(desk, "/")})
    for _ in range(3):
        assert web_login(desk, "lanhdao", "go-nham").status_code == 401
    assert web_login(desk, "lanhdao", PASSWORD).status_code == 429  # a colleague at that desk guesses no more


def test_one_address_trying_many_accounts_stops_costing_password_checks(throttled, fake):
    app = throttled()
    flood = browser(app, STRANGER)
    for n in range(6):
        assert api_login(flood, f"khongco{n}", "x").status_code == 401
    checks = len(fake.sent("context", "start_session"))
    refused = api_login(flood, "thuky", "x")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    body = refused.get_json()
    assert body["error"] == "TOO_MANY_REQUESTS" and body["message"].startswith("Đăng nhập sai quá nhiều lần.")
    assert len(fake.sent("context", "start_session")) == checks
    assert api_login(browser(app, OTHER), "thuky", PASSWORD).status_code == 200  # other addresses are not affected


def test_successes_are_not_counted(throttled):
    app = throttled()
    office = browser(app, OWNER_DESK)
    for _ in range(10):  # a whole office behind one address signing in
        assert api_login(office, "thuky", PASSWORD).status_code == 200


def test_guessing_the_current_password_on_the_change_form_is_throttled_too(throttled):
    app = throttled()
    desk = browser(app, OWNER_DESK)
    web_login(desk, "chuyenvien", PASSWORD)
    token = csrf_token(desk, "/account/password")
    form = {"csrf_token": token, "current_password": "doan-thu", "new_password": "Moi@2026-abcd",
            "confirm_password": "Moi@2026-abcd"}
    for _ in range(3):
        assert "Mật khẩu hiện tại không đúng." in desk.post("/account/password", data=form).get_data(as_text=True)
    assert "Đăng nhập sai quá nhiều lần." in desk.post("/account/password", data=form).get_data(as_text=True)


def test_the_english_page_says_it_in_english(throttled):
    app = throttled()
    stranger = browser(app, STRANGER)
    stranger.post("/language", data={"lang": "en", "csrf_token": csrf_token(stranger, "/login")})
    for _ in range(3):
        web_login(stranger, "lanhdao", "doan-sai")
    assert "Too many failed sign-ins. Please try again in" in web_login(stranger, "lanhdao", "x").get_data(
        as_text=True)


def test_a_forwarded_for_header_counts_only_behind_a_trusted_proxy(throttled):
    direct = throttled()
    client = browser(direct, STRANGER)
    for n in range(6):  # a forged header per try does not make a new address
        api_login(client, f"khongco{n}", "x", **{"X-Forwarded-For": f"192.0.2.{n}"})
    assert api_login(client, "thuky", "x", **{"X-Forwarded-For": "192.0.2.99"}).status_code == 429

    behind_nginx = throttled(trusted_proxies=1)
    proxy = browser(behind_nginx, "10.0.0.2")
    for n in range(6):
        api_login(proxy, f"khongco{n}", "x", **{"X-Forwarded-For": STRANGER})
    assert api_login(proxy, "thuky", "x", **{"X-Forwarded-For": STRANGER}).status_code == 429
    assert api_login(proxy, "thuky", PASSWORD, **{"X-Forwarded-For": OTHER}).status_code == 200


def test_an_unreachable_storage_lets_sign_ins_through(throttled, caplog):
    app = throttled(rate_limit_storage="redis://127.0.0.1:1/0")
    client = browser(app, STRANGER)
    for _ in range(4):
        assert api_login(client, "lanhdao", "doan-sai").status_code == 401
    assert api_login(client, "lanhdao", PASSWORD).status_code == 200
    assert "sign-in throttle storage unavailable" in caplog.text


# -- several gateway copies share the counts in Redis ------------------------------------------------
@pytest.fixture
def redis_url():
    url = os.environ.get("EISO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("EISO_REQUIRE_SERVERS") == "1":
            pytest.fail(f"Redis at {url} is not reachable: {exc}")
        pytest.skip(f"Redis at {url} is not reachable: {exc}")
    return url


@pytest.mark.integration
def test_two_gateway_copies_count_together_in_redis(throttled, redis_url):
    first, second = throttled(rate_limit_storage=redis_url), throttled(rate_limit_storage=redis_url)
    account = f"khongco-{uuid.uuid4().hex[:8]}"  # keys of this test only (they expire with their window)
    address = f"2001:db8::{uuid.uuid4().hex[:4]}"
    for copy in (first, second, first):
        assert api_login(browser(copy, address), account, "x").status_code == 401
    refused = api_login(browser(second, address), account, "x")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
