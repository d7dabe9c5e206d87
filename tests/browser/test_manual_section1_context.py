"""Manual section 1, "Bối cảnh tổ chức" → "Tổ chức và bối cảnh", as the secretary and the leader do it.

The secretary drafts the year's analysis; the leader refuses it right in the list (with a reason); the
secretary revises and submits it again; the leader approves (Phê duyệt) and applies it (Áp dụng): Trang chủ
shows it. Next year starts from this one with one click; applying it leaves exactly one applied.
Through the real gateway, services, RabbitMQ and PostgreSQL; screenshots in test-artifacts/browser/.
"""
from datetime import date, timedelta

import a11y
import pytest
from manual_steps import log_in, log_out, reload_until, route_to
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.integration]

YEAR = date.today().year - 1
DEADLINE = (date.today() + timedelta(days=5)).strftime("%d/%m/%Y")
REASON = "Bổ sung nhu cầu của doanh nghiệp vào các bên quan tâm."


def open_list(page):
    page.get_by_role("link", name="Tổ chức và bối cảnh").click()
    expect(page.get_by_role("heading", name="Tổ chức và bối cảnh")).to_be_visible()


def row_of(page, year):
    return page.locator("tr", has=page.get_by_role("link", name=f"Năm {year}", exact=True))


def submit_to_leader(page, shot, name):
    route_to(page, "Ban Giám đốc", "Nguyễn Văn An", DEADLINE)
    page.get_by_label("Ý kiến").fill("Kính trình Lãnh đạo phê duyệt.")
    shot(page, name)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("đã được lưu và trình Lãnh đạo phê duyệt")


def leader_sees_the_buttons(page, year):
    reload_until(page, lambda: row_of(page, year).get_by_role("button", name="Phê duyệt").count() == 1)


def test_context_analysis_drafted_refused_revised_approved_and_applied(running_eiso, page, shot):
    base = running_eiso

    # Thư ký ISO: Bối cảnh tổ chức → Tổ chức và bối cảnh → Lập phân tích bối cảnh.
    log_in(page, base, "thuky")
    open_list(page)
    shot(page, "s1-01-thuky-to-chuc-va-boi-canh-trong", small=True)
    page.get_by_role("link", name="Lập phân tích bối cảnh").click()
    page.get_by_label("Năm phân tích").fill(str(YEAR))
    page.get_by_label("Điểm mạnh").fill("Đội ngũ cán bộ có trình độ chuyên môn cao\nLãnh đạo quan tâm HTQLCL")
    page.get_by_label("Điểm yếu").fill("Ứng dụng công nghệ thông tin còn hạn chế")
    page.get_by_label("Cơ hội").fill("Chính phủ đẩy mạnh chuyển đổi số")
    page.get_by_label("Thách thức").fill("Yêu cầu của người dân ngày càng cao")
    page.get_by_label("Bên quan tâm (dòng 1)").fill("Người dân")
    page.get_by_label("Nhu cầu và mong đợi (dòng 1)").fill("Giải quyết thủ tục hành chính đúng hạn")
    page.get_by_label("Tên quá trình (dòng 1)").fill("Giải quyết thủ tục hành chính")
    page.get_by_label("Đơn vị chủ trì (dòng 1)").fill("Văn phòng sở")
    # Bad input first: no scope. A clear message, the form kept, nothing stored.
    route_to(page, "Ban Giám đốc", "Nguyễn Văn An", DEADLINE)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".error-summary")).to_contain_text("Phạm vi áp dụng: không được để trống")
    expect(page.get_by_label("Điểm mạnh")).to_have_value(
        "Đội ngũ cán bộ có trình độ chuyên môn cao\nLãnh đạo quan tâm HTQLCL")
    shot(page, "s1-02-thuky-thieu-pham-vi")
    page.get_by_label("Phạm vi áp dụng (4.3)").fill("Toàn bộ hoạt động quản lý nhà nước về KHCN của Sở")
    page.get_by_label("Điều khoản (dòng 1)").fill("8.3")
    page.get_by_label("Lý do không áp dụng (dòng 1)").fill("Sở không thiết kế, phát triển sản phẩm")
    submit_to_leader(page, shot, "s1-03-thuky-lap-phan-tich")
    shot(page, "s1-04-thuky-da-trinh")
    log_out(page)

    # Lãnh đạo: the list shows Phê duyệt / Không duyệt; a refusal needs its reason.
    log_in(page, base, "lanhdao")
    open_list(page)
    leader_sees_the_buttons(page, YEAR)
    shot(page, "s1-05-lanhdao-danh-sach-cho-phe-duyet", small=True)
    row = row_of(page, YEAR)
    row.locator("summary", has_text="Không duyệt").click()
    row.get_by_label("Lý do không duyệt").fill(REASON)
    shot(page, "s1-06-lanhdao-khong-duyet")
    row.get_by_role("button", name="Xác nhận không duyệt").click()
    expect(page.locator(".flashes")).to_contain_text(f"Không duyệt phân tích bối cảnh tổ chức năm {YEAR}")
    reload_until(page, lambda: "Không duyệt" in row_of(page, YEAR).inner_text())
    expect(row_of(page, YEAR)).to_contain_text(REASON)
    log_out(page)

    # Thư ký ISO: Sửa và trình lại (the refused content, the same year), a second interested party.
    log_in(page, base, "thuky")
    open_list(page)
    row_of(page, YEAR).get_by_role("link", name="Sửa và trình lại").click()
    expect(page.get_by_label("Năm phân tích")).to_have_value(str(YEAR))
    expect(page.get_by_label("Bên quan tâm (dòng 1)")).to_have_value("Người dân")
    page.get_by_label("Bên quan tâm (dòng 2)").fill("Doanh nghiệp")
    page.get_by_label("Nhu cầu và mong đợi (dòng 2)").fill("Thông tin minh bạch, thủ tục đơn giản")
    submit_to_leader(page, shot, "s1-07-thuky-sua-va-trinh-lai")
    log_out(page)

    # Lãnh đạo: Phê duyệt in the list, then Áp dụng; Trang chủ shows it.
    log_in(page, base, "lanhdao")
    open_list(page)
    leader_sees_the_buttons(page, YEAR)
    row_of(page, YEAR).filter(has=page.get_by_role("button", name="Phê duyệt")).get_by_role(
        "button", name="Phê duyệt").click()
    expect(page.locator(".flashes")).to_contain_text(f"Đã phê duyệt phân tích bối cảnh tổ chức năm {YEAR}")
    reload_until(page, lambda: page.get_by_role("button", name="Áp dụng").count() == 1)
    shot(page, "s1-08-lanhdao-da-phe-duyet")
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.locator(".flashes")).to_contain_text("nội dung được hiển thị trên Trang chủ")
    shot(page, "s1-09-lanhdao-dang-ap-dung", small=True)
    # Clicking the year opens its content.
    page.get_by_role("link", name=f"Năm {YEAR}", exact=True).first.click()
    expect(page.locator("main")).to_contain_text("Doanh nghiệp")
    a11y.check(page)
    page.get_by_role("link", name="Trang chủ").first.click()
    expect(page.locator("#analysis-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Năm {YEAR}")
    expect(page.locator("main")).to_contain_text("Toàn bộ hoạt động quản lý nhà nước về KHCN của Sở")
    shot(page, "s1-10-trang-chu-boi-canh")
    log_out(page)

    # Next year, started from this one with one click.
    log_in(page, base, "thuky")
    open_list(page)
    page.get_by_role("link", name=f"Lập từ năm {YEAR}").click()
    expect(page.get_by_label("Năm phân tích")).to_have_value(str(YEAR + 1))
    expect(page.get_by_label("Bên quan tâm (dòng 2)")).to_have_value("Doanh nghiệp")
    page.get_by_label("Cơ hội").fill("Chính phủ đẩy mạnh chuyển đổi số\nNguồn vốn khoa học công nghệ tăng")
    submit_to_leader(page, shot, "s1-11-thuky-lap-tu-nam-truoc")
    log_out(page)

    log_in(page, base, "lanhdao")
    open_list(page)
    leader_sees_the_buttons(page, YEAR + 1)
    row_of(page, YEAR + 1).get_by_role("button", name="Phê duyệt").click()
    reload_until(page, lambda: row_of(page, YEAR + 1).get_by_role("button", name="Áp dụng").count() == 1)
    row_of(page, YEAR + 1).get_by_role("button", name="Áp dụng").click()
    expect(row_of(page, YEAR + 1)).to_contain_text("Đang áp dụng")
    expect(row_of(page, YEAR).filter(has_text="Đã phê duyệt")).to_have_count(1)   # exactly one applied
    expect(page.locator("tbody .badge", has_text="Đang áp dụng")).to_have_count(1)
    shot(page, "s1-12-lanhdao-mot-phan-tich-dang-ap-dung", small=True)


def test_only_the_leader_decides_and_applies(running_eiso, page):
    """Other people see the list without the leader's buttons; the service refuses them anyway."""
    base = running_eiso
    log_in(page, base, "truongphong")
    open_list(page)
    a11y.check(page)
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    expect(page.get_by_role("button", name="Áp dụng")).to_have_count(0)
    expect(page.get_by_role("link", name="Lập phân tích bối cảnh")).to_have_count(0)
    page.goto(f"{base}/context/analyses/new")
    expect(page.locator("main")).to_contain_text("Chỉ Thư ký ISO")
