"""The small static scripts, in headless Chromium (runs in the browser suite: EISO_EVENTLET=0).

Without JavaScript the forms work (the server checks everything); these tests
check the comfort the scripts add and that the CSP lets them run.
"""
import shutil
import threading

import pytest
from gateway_fakes import PASSWORD
from werkzeug.serving import make_server

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def base_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(base_url):
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.problems = problems
        yield page
        browser.close()


def login(page, base_url, username):
    page.goto(f"{base_url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.form button[type=submit]")


def visible_handlers(page):
    return page.eval_on_selector_all("#next_handler_id option", "os => os.filter(o => o.value && !o.hidden).map(o => o.value)")


def test_handlers_follow_the_department(page, base_url):
    login(page, base_url, "thuky")
    page.goto(f"{base_url}/quality/policies/new")
    assert visible_handlers(page) == ["p-leader", "p-leader2"]
    page.select_option("#next_department_id", "d-vp")
    assert visible_handlers(page) == []
    page.select_option("#next_department_id", "d-bgd")
    assert visible_handlers(page) == ["p-leader", "p-leader2"]
    page.select_option("#next_department_id", "")
    page.select_option("#next_handler_id", "p-leader2")
    assert page.input_value("#next_department_id") == "d-bgd"  # the person's department is filled in
    assert page.problems == []  # no CSP violation, no script error


def test_next_step_dims_for_return_and_reject(page, base_url):
    login(page, base_url, "lanhdao")
    page.goto(f"{base_url}/dossiers/1-2026-1-SONGANH/process")
    assert "is-unused" not in page.get_attribute("#next-step", "class")
    page.check("#action_return")
    assert "is-unused" in page.get_attribute("#next-step", "class")
    page.check("#action_approve")
    assert "is-unused" not in page.get_attribute("#next-step", "class")
    assert page.problems == []


def test_create_dossier_menu_opens_without_script(page, base_url):
    login(page, base_url, "thuky")
    page.goto(f"{base_url}/dossiers/")
    page.click("summary:has-text('Tạo hồ sơ')")
    page.click("a:has-text('Lập chính sách chất lượng')")
    assert page.url.endswith("/quality/policies/new")
