"""Steps the manual walks share: sign in and out as a demo person, pick an option, open a dossier from a tab."""
from __future__ import annotations

import re

import a11y
from playwright.sync_api import expect

PASSWORD = "Demo@2026"


def log_in(page, base, username):
    page.goto(f"{base}/login")
    a11y.check(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("body")).not_to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login"))


def choose(page, label, text, exact=True):
    """Pick the option of a select (labelled exactly ``label``, unless not ``exact``) whose text contains ``text``."""
    select = page.get_by_label(label, exact=exact)
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value=value)


def menu(page, *labels):
    """Follow the left menu: "Đánh giá nội bộ" → "Chương trình đánh giá" is ``menu(page, "Chương trình đánh giá")``."""
    for label in labels:
        page.locator("nav.sidebar").get_by_role("link", name=label, exact=True).click()


def until(page, reload, check, tries=60):
    """Reload until ``check()`` (effects that travel the bus arrive a moment later)."""
    for _ in range(tries):
        reload()
        if check():
            return
        page.wait_for_timeout(500)
    reload()


def open_from_todo(page, title, shot=None, name=None):
    """Kiểm soát hoạt động ISO → Chưa xử lý → the dossier whose row holds ``title`` (it arrives through events)."""
    menu(page, "Kiểm soát hoạt động ISO")
    row = page.locator("tr", has_text=title)
    until(page, lambda: page.get_by_role("link", name=re.compile("Chưa xử lý")).click(), lambda: row.count() > 0)
    expect(row).to_have_count(1)
    if shot:
        shot(page, name)
    else:
        a11y.check(page)
    row.get_by_role("link").first.click()
