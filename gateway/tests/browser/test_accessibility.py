"""Every page, on a desktop, a 768 px tablet and a 375 px phone: axe-core finds nothing serious, the layout holds.

Runs in the browser suite (EISO_EVENTLET=0) against the app with the fake services; screenshots of
each page and width land in test-artifacts/browser/ (ui-<page>-<width>.png).
"""
import shutil

import pytest
from a11y import check, screenshot
from fakes import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = {"desktop": (1366, 900), "tablet": (768, 1024), "phone": (375, 740)}
PAGES = {   # name: (who, path)
    "login": (None, "/login"),
    "home": ("lanhdao", "/"),
    "inbox": ("lanhdao", "/dossiers/?tab=todo"),
    "dossier": ("lanhdao", "/dossiers/1-2026-1-SONGANH"),
    "process": ("lanhdao", "/dossiers/1-2026-1-SONGANH/process"),
    "policies": ("thuky", "/quality/policies"),
    "new-policy": ("thuky", "/quality/policies/new"),
    "password": ("thuky", "/account/password"),
    "people": ("quantri", "/admin/people"),
    "departments": ("quantri", "/admin/departments"),
    "not-found": ("lanhdao", "/dossiers/9-2026-9-SONGANH"),
}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


def open_as(browser, base_url, who, width):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])), locale="vi-VN")
    page = context.new_page()
    if who:
        page.goto(f"{base_url}/login")
        page.fill("#username", who)
        page.fill("#password", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"{base_url}/")
    return page


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_at_every_width(browser, base_url, name, width):
    who, path = PAGES[name]
    page = open_as(browser, base_url, who, width)
    page.goto(base_url + path)
    check(page)
    assert no_sideways_scroll(page), f"{name} scrolls sideways at {WIDTHS[width][0]} px"
    screenshot(page, f"ui-{name}-{WIDTHS[width][0]}")
    page.context.close()


@pytest.mark.parametrize("width", ["tablet", "phone"])
def test_the_menu_folds_behind_a_button_and_the_content_starts_near_the_top(browser, base_url, width):
    page = open_as(browser, base_url, "lanhdao", width)
    toggle = page.locator(".menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#main-menu").is_visible()
    assert page.evaluate("document.getElementById('main').getBoundingClientRect().top") < 260
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#main-menu").is_visible()
    check(page)
    screenshot(page, f"ui-menu-open-{WIDTHS[width][0]}")
    toggle.click()
    assert not page.locator("#main-menu").is_visible()
    page.context.close()


def test_the_desktop_menu_needs_no_button(browser, base_url):
    page = open_as(browser, base_url, "lanhdao", "desktop")
    assert not page.locator(".menu-toggle").is_visible() and page.locator("#main-menu").is_visible()
    page.context.close()


@pytest.mark.parametrize("width", ["tablet", "phone"])
def test_the_inbox_stacks_its_rows_and_shows_every_status_whole(browser, base_url, width):
    page = open_as(browser, base_url, "lanhdao", width)
    page.goto(f"{base_url}/dossiers/?tab=todo")
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")  # nothing hidden sideways
    for pill in page.locator("td .status").all():
        box, limit = pill.bounding_box(), page.viewport_size["width"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= limit
    labels = page.locator("td[data-label='Trạng thái']").first.evaluate(
        "td => getComputedStyle(td, '::before').content")
    assert "Trạng thái" in labels  # each value says which column it is
    page.goto(f"{base_url}/dossiers/1-2026-1-SONGANH")
    pill = page.locator(".page-head .status").bounding_box()
    assert pill["x"] + pill["width"] <= page.viewport_size["width"]
    page.context.close()


def test_a_refused_form_focuses_its_summary_and_marks_the_field(browser, base_url):
    page = open_as(browser, base_url, "thuky", "desktop")
    page.goto(f"{base_url}/quality/policies/new")
    page.fill("#content_motto", "   ")  # passes the browser's "required", refused by the contract
    page.fill("#content_statements", "Minh bạch")
    page.select_option("#next_handler_id", "p-leader")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#form-error")
    assert page.evaluate("document.activeElement.id") == "form-error"
    motto = page.locator("#content_motto")
    assert motto.get_attribute("aria-invalid") == "true"
    assert "content_motto-error" in motto.get_attribute("aria-describedby")
    assert page.locator("#content_motto-error").inner_text() == "Phương châm: không được để trống"
    check(page)
    screenshot(page, "ui-new-policy-refused-1366")
    page.context.close()


def test_the_unused_routing_block_is_out_of_the_tab_order(browser, base_url):
    page = open_as(browser, base_url, "lanhdao", "desktop")
    page.goto(f"{base_url}/dossiers/1-2026-1-SONGANH/process")
    inert = "id => document.getElementById(id).inert"
    assert page.evaluate(inert, "return-step") and not page.evaluate(inert, "next-step")
    page.focus("#next_deadline")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.getElementById('return-step').contains(document.activeElement)")
    page.check("#action_return")
    assert page.evaluate(inert, "next-step") and not page.evaluate(inert, "return-step")
    check(page)
    page.context.close()


def test_the_axe_check_bites(browser):
    """A page with an unlabelled image and faint text is refused: the check is not one that cannot fail."""
    from a11y import violations

    page = browser.new_page()
    page.set_content('<html lang="vi"><head><title>t</title></head><body><main><img src="x.png">'
                     '<p style="color:#c8c8c8;background:#fff">Chữ mờ</p></main></body></html>')
    found = violations(page)
    assert any(line.startswith("image-alt (critical)") for line in found)
    assert any(line.startswith("color-contrast (serious)") for line in found)
    page.close()
