"""Manual section 6, "Đề xuất hoạt động cải tiến liên tục": a proposal, the leader's Phê duyệt (and a refusal
with its reason), then the improvement dossier: directions to the secretary, recorded, implemented, completed.

Through the real gateway, services, RabbitMQ and PostgreSQL; screenshots in test-artifacts/browser/.
"""
import re

import pytest
from playwright.sync_api import expect

from walk import choose, log_in, log_out, menu, open_from_todo, until

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TITLE = "Số hóa sổ theo dõi hồ sơ một cửa"
REFUSED = "Mua thêm máy photocopy"


def propose(page, title, situation, proposal, benefit):
    menu(page, "Cải tiến liên tục")
    page.get_by_role("link", name="Đề xuất hoạt động cải tiến liên tục").click()
    page.get_by_label("Tên đề xuất").fill(title)
    page.get_by_label("Thực trạng").fill(situation)
    page.get_by_label("Nội dung đề xuất").fill(proposal)
    page.get_by_label("Hiệu quả dự kiến").fill(benefit)


def test_proposal_approved_by_the_leader_then_directed_recorded_implemented_to_the_end(running_eiso, page, shot):
    base = running_eiso

    # Chuyên viên proposes two improvements ("Phòng ban" is hers by default); a blank title is refused.
    log_in(page, base, "nhanvien")
    propose(page, "", "Sổ theo dõi viết tay.", "Dùng bảng tính dùng chung.", "Tra cứu nhanh.")
    page.get_by_label("Tên đề xuất").evaluate("e => e.removeAttribute('required')")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#form-error")).to_contain_text("Tên đề xuất: không được để trống")
    page.get_by_label("Tên đề xuất").fill(TITLE)
    shot(page, "s6-01-nhanvien-de-xuat", small=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("đề xuất chờ Lãnh đạo phê duyệt")
    propose(page, REFUSED, "Máy cũ hay hỏng.", "Mua máy mới.", "In nhanh hơn.")
    page.get_by_role("button", name="Lưu").click()
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Chờ phê duyệt")
    expect(page.get_by_role("button", name=re.compile("Phê duyệt"))).to_have_count(0)   # not for staff
    log_out(page)

    # Lãnh đạo: Cải tiến liên tục → Phê duyệt → Đã phê duyệt; the other is refused, with a reason.
    log_in(page, base, "lanhdao")
    menu(page, "Cải tiến liên tục")
    shot(page, "s6-02-lanhdao-danh-sach", small=True)
    page.get_by_role("button", name=f"Phê duyệt: {TITLE}").click()
    expect(page.locator("main")).to_contain_text("Đã phê duyệt đề xuất cải tiến")
    expect(page.locator("tr", has_text=TITLE)).to_contain_text("Đã phê duyệt")
    shot(page, "s6-03-lanhdao-da-phe-duyet")
    page.get_by_role("link", name=f"Không duyệt: {REFUSED}").click()
    page.get_by_role("button", name="Không duyệt").click()
    expect(page.locator("#form-error")).to_contain_text("Lý do không duyệt: không được để trống")
    page.get_by_label("Lý do không duyệt").fill("Chưa có kinh phí trong năm nay.")
    page.get_by_role("button", name="Không duyệt").click()
    expect(page.locator("tr", has_text=REFUSED)).to_contain_text("Không duyệt")

    # Kiểm soát hoạt động ISO → the improvement dossier: directions, sent to the secretary to record.
    open_from_todo(page, TITLE, shot, "s6-04-lanhdao-ho-so-cai-tien")
    expect(page.locator("main")).to_contain_text("Bước 2: Lãnh đạo chỉ đạo")
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Chỉ đạo của Lãnh đạo").fill("Triển khai ngay trong quý, báo cáo kết quả.")
    page.get_by_label("Trách nhiệm triển khai").fill("Trưởng phòng quản lý Khoa học")
    page.get_by_label("Duyệt", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Văn phòng sở")
    choose(page, "Chọn người xử lý", "Trần Thị Bình")
    shot(page, "s6-05-lanhdao-chi-dao")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    log_out(page)

    # Thư ký ISO records it (ghi nhận) and hands the implementation to the department.
    log_in(page, base, "thuky")
    open_from_todo(page, TITLE)
    expect(page.locator("main")).to_contain_text("Triển khai ngay trong quý, báo cáo kết quả.")
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Ghi nhận", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Phòng quản lý Khoa học")
    choose(page, "Chọn người xử lý", "Lê Văn Cường")
    shot(page, "s6-06-thuky-ghi-nhan")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    log_out(page)

    # Trưởng phòng reports the implementation and its result.
    log_in(page, base, "truongphong")
    open_from_todo(page, TITLE)
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Kết quả triển khai").fill("Đã chuyển sổ theo dõi sang bảng tính dùng chung.")
    page.get_by_label("Hiệu quả đạt được").fill("Tra cứu một hồ sơ dưới 1 phút.")
    page.get_by_label("Báo cáo kết quả", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Văn phòng sở")
    choose(page, "Chọn người xử lý", "Trần Thị Bình")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    log_out(page)

    # Thư ký ISO records the result: the improvement is complete.
    log_in(page, base, "thuky")
    open_from_todo(page, TITLE)
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Hoàn thành", exact=True).check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    row = page.locator("tr", has_text=TITLE)
    until(page, lambda: menu(page, "Cải tiến liên tục"), lambda: "Hoàn thành" in row.inner_text())
    expect(row).to_contain_text("Hoàn thành")
    row.get_by_role("link", name=TITLE).click()
    expect(page.locator("main")).to_contain_text("Tra cứu một hồ sơ dưới 1 phút.")
    shot(page, "s6-07-cai-tien-hoan-thanh", small=True)
