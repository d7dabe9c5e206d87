"""Manual section 4, "Đánh giá nội bộ" → "Chương trình đánh giá", and one audit from its plan to a verified
corrective action, as the ISO secretary, the leader, the internal auditor and the department head do it.

Through the real gateway, services, RabbitMQ and PostgreSQL; screenshots in test-artifacts/browser/.
"""
import io
import re
from datetime import date

import pytest
from docx import Document
from playwright.sync_api import expect

from walk import choose, log_in, log_out, menu, open_from_todo, until

pytestmark = [pytest.mark.browser, pytest.mark.integration]

YEAR = date.today().year
NC_TEXT = "Hồ sơ cấp phép năm nay chưa được lập danh mục lưu trữ"


def tick(page, month, department):
    page.get_by_label(f"Tháng {month} — {department}", exact=True).check()


def draft_programme(page, base, cells):
    menu(page, "Chương trình đánh giá")
    page.get_by_role("link", name=re.compile("(Lập|Sửa) chương trình đánh giá")).click()
    for month, department in cells:
        tick(page, month, department)


def test_secretary_drafts_the_programme_leader_sees_each_month_and_approves_a_change_needs_approval_again(
        running_eiso, page, shot):
    base = running_eiso

    # Thư ký ISO: Đánh giá nội bộ → Chương trình đánh giá → Lập chương trình đánh giá.
    log_in(page, base, "thuky")
    menu(page, "Chương trình đánh giá")
    expect(page.locator("main")).to_contain_text(f"Chưa có chương trình đánh giá năm {YEAR}")
    page.get_by_role("link", name="Lập chương trình đánh giá").click()
    for cell in ((3, "Phòng quản lý Khoa học"), (3, "Văn phòng sở"), (6, "Phòng quản lý Công nghệ"),
                 (9, "Thanh tra Sở"), (11, "Phòng quản lý Khoa học")):
        tick(page, *cell)
    page.get_by_label("Ghi chú").fill("Chương trình đánh giá nội bộ định kỳ.")
    shot(page, "s4-01-thuky-lap-chuong-trinh", small=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("chờ Lãnh đạo phê duyệt")
    expect(page.locator("main .badge").first).to_have_text("Chờ phê duyệt")
    shot(page, "s4-02-thuky-cho-phe-duyet")
    # The secretary cannot approve: no Phê duyệt button.
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    log_out(page)

    # Lãnh đạo: moving the mouse over a month shows which departments are audited then.
    log_in(page, base, "lanhdao")
    menu(page, "Chương trình đánh giá")
    march = page.locator("#pending-tip-3")
    expect(march).to_be_hidden()
    page.get_by_role("button", name="Tháng 3", exact=True).first.hover()
    expect(march).to_be_visible()
    expect(march).to_contain_text("Phòng quản lý Khoa học")
    expect(march).to_contain_text("Văn phòng sở")
    shot(page, "s4-03-lanhdao-di-chuot-thang-3")
    # The same by keyboard, and for a screen reader: the month's button is described by that list.
    page.mouse.move(0, 0)
    june = page.get_by_role("button", name="Tháng 6", exact=True).first
    june.focus()
    expect(page.locator("#pending-tip-6")).to_be_visible()
    assert june.get_attribute("aria-describedby") == "pending-tip-6"
    described = page.evaluate("id => document.getElementById(id).textContent", "pending-tip-6")
    assert "Phòng quản lý Công nghệ" in described
    shot(page, "s4-04-lanhdao-ban-phim-thang-6")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("main")).to_contain_text(f"Đã phê duyệt chương trình đánh giá năm {YEAR}")
    expect(page.locator("main")).to_contain_text("Đã phê duyệt")
    expect(page.get_by_role("button", name="Phê duyệt")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("đã đánh giá 0/5")
    shot(page, "s4-05-lanhdao-da-phe-duyet", small=True)
    log_out(page)

    # A change after approval is a new revision: the approved programme stays until the leader approves it.
    log_in(page, base, "thuky")
    draft_programme(page, base, [(12, "Ban Giám đốc")])
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#pending-title")).to_contain_text("lần 2")
    expect(page.locator("#approved-title")).to_contain_text("lần 1")
    expect(page.locator("#approved-tip-12")).to_contain_text("Không có phòng ban nào")
    expect(page.locator("#pending-tip-12")).to_contain_text("Ban Giám đốc")
    shot(page, "s4-06-thuky-sua-sau-phe-duyet")
    log_out(page)
    log_in(page, base, "lanhdao")
    menu(page, "Chương trình đánh giá")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("#approved-title")).to_contain_text("lần 2")
    expect(page.locator("#pending-title")).to_have_count(0)
    shot(page, "s4-07-lanhdao-phe-duyet-lan-2")


def test_one_audit_from_its_plan_to_a_verified_corrective_action(running_eiso, page, shot, tmp_path):
    base = running_eiso

    # Đánh giá viên nội bộ plans the audit; auditing his own department (Thanh tra Sở) is refused.
    log_in(page, base, "danhgia")
    menu(page, "Kế hoạch đánh giá")
    page.get_by_role("link", name="Lập kế hoạch đánh giá").click()
    page.get_by_label("Ngày đánh giá").fill(f"{YEAR}-11-12")
    page.get_by_label("Thanh tra Sở", exact=True).check()
    page.get_by_label("Phạm vi đánh giá").fill("Quy trình cấp phép hoạt động khoa học và công nghệ")
    choose(page, "Trưởng đoàn đánh giá", "Hoàng Văn Em")
    page.get_by_label("Danh mục kiểm tra").fill("7.5.3 | Hồ sơ có được lập danh mục và lưu trữ đúng quy định?\n"
                                                "8.5.1 | Thủ tục có được giải quyết đúng hạn?")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#form-error")).to_contain_text("không được đánh giá phòng ban của chính mình")
    shot(page, "s4-10-danhgia-tu-danh-gia-bi-tu-choi")
    page.get_by_label("Thanh tra Sở", exact=True).uncheck()
    page.get_by_label("Phòng quản lý Khoa học", exact=True).check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã lập kế hoạch đánh giá")
    shot(page, "s4-11-danhgia-ke-hoach", small=True)

    # During the audit: the checklist is answered and the findings are recorded with their evidence.
    page.get_by_label("Kết quả câu 1").select_option(label="Không phù hợp")
    page.get_by_label("Ghi nhận câu 1").fill("Chưa có danh mục hồ sơ năm nay.")
    page.get_by_role("button", name="Lưu câu 1").click()
    expect(page.locator("#q1")).to_contain_text("Không phù hợp")
    page.get_by_label("Kết quả câu 2").select_option(label="Phù hợp")
    page.get_by_role("button", name="Lưu câu 2").click()
    page.get_by_label("Loại phát hiện").select_option(label="Điểm không phù hợp")
    page.get_by_label("Điều khoản", exact=True).fill("7.5.3")
    page.get_by_label("Mô tả", exact=True).fill(NC_TEXT + ".")
    page.get_by_label("Bằng chứng").fill("Kiểm tra 5 hồ sơ cấp phép: không có danh mục.")
    evidence = tmp_path / "Anh chup so luu tru.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bang chung\n")
    page.get_by_label("Tập tin").set_input_files(str(evidence))
    page.get_by_role("button", name="Ghi nhận phát hiện").click()
    expect(page.locator("main")).to_contain_text("Đã ghi nhận phát hiện số 1")
    page.get_by_label("Loại phát hiện").select_option(label="Điểm lưu ý")
    page.get_by_label("Điều khoản", exact=True).fill("8.5.1")
    page.get_by_label("Mô tả", exact=True).fill("Nên niêm yết thời hạn giải quyết tại bộ phận một cửa.")
    page.get_by_label("Bằng chứng").fill("Quan sát tại bộ phận một cửa.")
    page.get_by_role("button", name="Ghi nhận phát hiện").click()
    expect(page.locator("#findings")).to_contain_text("Anh chup so luu tru.pdf")
    shot(page, "s4-12-danhgia-phat-hien")

    # The report: a Word document kept with the audit.
    page.get_by_label("Kết luận").fill("Hệ thống được duy trì; 1 điểm không phù hợp cần khắc phục.")
    page.get_by_role("button", name="Lập báo cáo đánh giá").click()
    expect(page.locator("main")).to_contain_text("Đã có báo cáo")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo đánh giá (.docx)").click()
    report = tmp_path / download.value.suggested_filename
    download.value.save_as(report)
    assert report.suffix == ".docx"
    document = Document(io.BytesIO(report.read_bytes()))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert NC_TEXT in cells and "Hoàng Văn Em" in cells
    shot(page, "s4-13-danhgia-bao-cao")
    menu(page, "Chương trình đánh giá")
    expect(page.locator("main")).to_contain_text("đã đánh giá 1/")
    log_out(page)

    # Trưởng phòng: the nonconformity arrived as a corrective-action dossier (an event, not a call).
    log_in(page, base, "truongphong")
    open_from_todo(page, NC_TEXT, shot, "s4-20-truongphong-chua-xu-ly")
    expect(page.locator("main")).to_contain_text("Bước 2: Trưởng phòng phân tích nguyên nhân")
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Khắc phục tức thời").fill("Lập ngay danh mục hồ sơ cấp phép năm nay.")
    page.get_by_label("Phân tích nguyên nhân (5 tại sao)").fill(
        "Tại sao chưa có danh mục? Chưa ai được giao lập.\nTại sao chưa ai được giao? Quy trình không nêu người phụ trách.")
    page.get_by_label("Nguyên nhân gốc").fill("Quy trình lưu trữ không quy định người phụ trách.")
    page.get_by_label("Hành động khắc phục", exact=True).fill("Sửa quy trình, giao chuyên viên phụ trách lưu trữ.")
    page.get_by_label("Người thực hiện").fill("Phạm Thị Dung")
    page.get_by_label("Hạn hoàn thành").fill(f"{YEAR + 1}-01-15")
    page.get_by_label("Trình duyệt", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Ban Giám đốc")
    choose(page, "Chọn người xử lý", "Nguyễn Văn An")
    shot(page, "s4-21-truongphong-phan-tich")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    log_out(page)

    # Lãnh đạo approves the corrective action.
    log_in(page, base, "lanhdao")
    open_from_todo(page, NC_TEXT)
    expect(page.locator("main")).to_contain_text("Quy trình lưu trữ không quy định người phụ trách.")
    shot(page, "s4-22-lanhdao-thong-tin-ho-so")
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Duyệt", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Phòng quản lý Khoa học")
    choose(page, "Chọn người xử lý", "Lê Văn Cường")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    log_out(page)

    # Trưởng phòng reports it done, to the auditor.
    log_in(page, base, "truongphong")
    open_from_todo(page, NC_TEXT)
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Kết quả thực hiện").fill("Đã sửa quy trình và lập danh mục đầy đủ.")
    page.get_by_label("Báo cáo hoàn thành", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Thanh tra Sở")
    choose(page, "Chọn người xử lý", "Hoàng Văn Em")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    log_out(page)

    # Đánh giá viên nội bộ verifies effectiveness and closes it.
    log_in(page, base, "danhgia")
    open_from_todo(page, NC_TEXT)
    page.get_by_role("link", name="Xử lý").first.click()
    page.get_by_label("Xác nhận hiệu lực").fill("Kiểm tra lại 10 hồ sơ: danh mục đầy đủ. Có hiệu lực.")
    page.get_by_label("Đóng", exact=True).check()
    shot(page, "s4-23-danhgia-xac-nhan-hieu-luc")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")
    menu(page, "Điểm không phù hợp")
    row = page.locator("tr", has_text=NC_TEXT)
    until(page, lambda: menu(page, "Điểm không phù hợp"), lambda: "Đã đóng" in row.inner_text())
    expect(row).to_contain_text("Đã đóng")
    expect(row).to_contain_text("Đánh giá nội bộ")
    shot(page, "s4-24-diem-khong-phu-hop-da-dong", small=True)
