"""The small static scripts, in headless Chromium (runs in the browser suite: EISO_EVENTLET=0).

Without JavaScript the forms work (the server checks everything); these tests
check the comfort the scripts add and that the CSP lets them run.
"""
import shutil

import pytest
from a11y import check
from fakes import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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
    check(page)
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
    check(page)
    assert "is-unused" not in page.get_attribute("#next-step", "class")
    assert "is-unused" in page.get_attribute("#return-step", "class")  # "Chưa chuyển" is checked
    page.check("#action_return")
    assert "is-unused" in page.get_attribute("#next-step", "class")
    assert "is-unused" not in page.get_attribute("#return-step", "class")
    page.check("#action_approve")
    assert "is-unused" not in page.get_attribute("#next-step", "class")
    assert "is-unused" in page.get_attribute("#return-step", "class")
    assert page.problems == []


def test_return_handlers_follow_their_own_department(page, base_url):
    login(page, base_url, "lanhdao")
    page.goto(f"{base_url}/dossiers/1-2026-1-SONGANH/process")
    assert page.input_value("#return_handler_id") == "p-secretary"  # the last doer of step 1
    page.check("#action_return")
    page.select_option("#return_department_id", "d-bgd")
    assert page.input_value("#return_handler_id") == ""  # nobody of step 1's role there
    assert page.input_value("#next_handler_id") == ""  # the other block is left alone
    assert page.problems == []


def test_files_together_over_the_limit_are_stopped_before_sending(page, base_url, fake, documents):
    login(page, base_url, "lanhdao")
    url = f"{base_url}/dossiers/1-2026-1-SONGANH/process"
    page.goto(url)
    page.fill("#comment", "Ý kiến không được mất")
    page.check("#action_save")
    part = b"x" * 700_000  # each under the 1 MB limit of the test app, together over it
    page.set_input_files("#files", [{"name": f"{n}.pdf", "mimeType": "application/pdf", "buffer": part}
                                    for n in "abc"])
    assert page.is_visible("#files_too_large")
    page.click("#process-form button[type=submit]")
    assert page.url == url and page.input_value("#comment") == "Ý kiến không được mất"
    assert page.get_attribute("#files", "aria-invalid") == "true"
    assert not fake.sent("workflow", "act") and documents.uploads == []
    page.set_input_files("#files", [{"name": "a.pdf", "mimeType": "application/pdf", "buffer": part}])
    assert not page.is_visible("#files_too_large")
    page.click("#process-form button[type=submit]")
    page.wait_for_url(f"{base_url}/dossiers/1-2026-1-SONGANH")
    assert len(documents.uploads) == 1
    assert page.problems == []


def test_create_dossier_menu_opens_without_script(page, base_url):
    login(page, base_url, "thuky")
    page.goto(f"{base_url}/dossiers/")
    page.click("summary:has-text('Tạo hồ sơ')")
    check(page)
    page.click("a:has-text('Lập chính sách chất lượng')")
    assert page.url.endswith("/quality/policies/new")
