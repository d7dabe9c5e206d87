"""Manual section 7, "Kiểm soát tài liệu", and the records menus, as each role does them in the browser.

Through the real gateway, services, RabbitMQ and PostgreSQL: the ISO secretary drafts a document with a Word
file, the leader clicks "Duyệt" in the register, the department it was distributed to confirms reading it, a new
version replaces it (the old one stays, marked "Hết hiệu lực"), the search finds it without accents; a department
head archives a paper record, a staff member borrows it and returns it; the secretary proposes its destruction,
the leader approves, its file is gone and the biên bản hủy is a Word document. Screenshots in
test-artifacts/browser/ (prefix s7-).
"""
import re
from datetime import date, timedelta

import a11y
import docx
import pytest
from playwright.sync_api import expect

from eiso_kit.testing.files import tiny_pdf
from walk import choose, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TITLE = "Quy trình kiểm soát tài liệu"
NUMBER = "08/TTNB-To"
TODAY = date.today()


def menu(page, label):
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name=label, exact=True).click()


def until(page, check, reload, tries=60):
    """Reload (``reload()``) until ``check()`` holds: what travels through events shows a moment later."""
    for _ in range(tries):
        if check():
            return
        page.wait_for_timeout(500)
        reload()
    assert check()


def word_file(path, *paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def pdf_file(path, text="Quy trinh sua doi lan hai"):
    path.write_bytes(tiny_pdf(text))
    return path


def route_to_leader(page):
    page.get_by_label("Chọn phòng ban").select_option(label="Ban Giám đốc")
    choose(page, "Chọn người xử lý", "Nguyễn Văn An")
    page.get_by_label("Hạn cuối xử lý").fill((TODAY + timedelta(days=5)).strftime("%d/%m/%Y"))


def leader_clicks_duyet(page, base, shot, name, where="Kiểm soát tài liệu", row_text=NUMBER):
    """The register (or Hủy hồ sơ) shows "Duyệt" once the dossier is open; the leader approves on "Xử lý"."""
    menu(page, where)
    row = page.locator("tr", has_text=row_text)
    until(page, lambda: row.get_by_role("link", name="Duyệt", exact=True).count() > 0, page.reload)
    shot(page, f"s7-{name}-duyet", small=True)
    row.get_by_role("link", name="Duyệt", exact=True).click()
    a11y.check(page)
    page.get_by_label("Duyệt", exact=True).check()
    page.get_by_label("Ý kiến").fill("Đồng ý.")
    shot(page, f"s7-{name}-xu-ly")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã chuyển hồ sơ")


def test_register_duyet_new_version_read_confirmation_and_search(running_eiso, page, shot, tmp_path):
    base = running_eiso

    # Thư ký ISO: Kiểm soát tài liệu → Soạn thảo tài liệu, with a Word file, to the leader.
    log_in(page, base, "thuky")
    menu(page, "Kiểm soát tài liệu")
    shot(page, "s7-01-thuky-kiem-soat-tai-lieu", small=True)
    page.get_by_role("link", name="Soạn thảo tài liệu").click()
    page.get_by_label("STTNB").fill(NUMBER)
    page.get_by_label("Tên tài liệu").fill(TITLE)
    page.get_by_label("Loại tài liệu").select_option(label="Quy trình")
    page.get_by_label("Phòng ban chủ trì").select_option(label="Văn phòng sở")
    page.get_by_label("Ngày hiệu lực").fill(TODAY.strftime("%d/%m/%Y"))
    page.get_by_label("Ngày rà soát").fill((TODAY + timedelta(days=365)).strftime("%d/%m/%Y"))
    page.get_by_label("Phòng quản lý Khoa học").check()
    page.get_by_label("Tập tin").set_input_files(str(word_file(tmp_path / "Quy trình kiểm soát tài liệu.docx",
                                                               TITLE, "Lưu đồ phê duyệt và ban hành tài liệu")))
    route_to_leader(page)
    page.get_by_label("Ý kiến").fill("Kính trình Lãnh đạo phê duyệt.")
    shot(page, "s7-02-thuky-soan-thao", small=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã trình duyệt tài liệu")
    log_out(page)

    # Lãnh đạo: Kiểm soát tài liệu → "Duyệt" (manual section 7), then the register says "Đã duyệt".
    log_in(page, base, "lanhdao")
    leader_clicks_duyet(page, base, shot, "03-lanhdao")
    menu(page, "Kiểm soát tài liệu")
    row = page.locator("tr", has_text=NUMBER)
    until(page, lambda: row.locator(".badge", has_text="Đã duyệt").count() > 0, page.reload)
    expect(row).to_contain_text(TODAY.strftime("%d/%m/%Y"))
    shot(page, "s7-04-lanhdao-da-duyet", small=True)
    log_out(page)

    # Trưởng phòng of a department it was distributed to: Xác nhận đã đọc.
    log_in(page, base, "truongphong")
    menu(page, "Kiểm soát tài liệu")
    page.get_by_role("link", name=NUMBER).click()
    page.get_by_role("button", name="Xác nhận đã đọc").click()
    expect(page.locator("main")).to_contain_text("Bạn đã xác nhận đã đọc")
    expect(page.locator("main")).to_contain_text("Lê Văn Cường")
    shot(page, "s7-05-truongphong-da-doc")
    log_out(page)

    # Thư ký ISO: Soạn thảo phiên bản mới (a PDF this time); the leader approves it too.
    log_in(page, base, "thuky")
    menu(page, "Kiểm soát tài liệu")
    page.get_by_role("link", name=NUMBER).click()
    page.get_by_role("link", name="Soạn thảo phiên bản mới").click()
    expect(page.get_by_label("Tên tài liệu")).to_have_value(TITLE)
    page.get_by_label("Tóm tắt thay đổi").fill("Sửa đổi lưu đồ phê duyệt")
    page.get_by_label("Tập tin").set_input_files(str(pdf_file(tmp_path / "Quy trình sửa đổi.pdf")))
    route_to_leader(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã trình duyệt tài liệu")
    log_out(page)
    log_in(page, base, "lanhdao")
    leader_clicks_duyet(page, base, shot, "06-lanhdao-phien-ban-2")
    log_out(page)

    # Anyone of the unit: version 2 in force, version 1 kept and marked "Hết hiệu lực".
    log_in(page, base, "nhanvien")
    menu(page, "Kiểm soát tài liệu")
    page.get_by_role("link", name=NUMBER).click()
    until(page, lambda: page.locator("tr.version-obsolete").count() == 1, page.reload)
    expect(page.locator("tr.version-obsolete")).to_contain_text("Hết hiệu lực")
    expect(page.locator("tr.version-effective")).to_contain_text("Sửa đổi lưu đồ phê duyệt")
    shot(page, "s7-07-phien-ban-moi-thay-the", small=True)
    # The PDF is shown in the browser (inline), the Word file of version 1 is downloaded.
    view = page.get_by_role("link", name=re.compile("^Xem")).first.get_attribute("href")
    shown = page.request.get(f"{base}{view}")
    assert shown.status == 200 and shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline;") and shown.body().startswith(b"%PDF")

    # One search box, no accents: the document by its title, by its number, by the text inside its PDF.
    menu(page, "Kiểm soát tài liệu")
    for query in ("quy trinh kiem soat tai lieu", "ttnb-to", "sua doi lan hai"):
        page.get_by_label("Tìm kiếm tài liệu, hồ sơ").fill(query)
        page.get_by_role("button", name="Tìm kiếm").click()
        expect(page.locator("main table")).to_contain_text(TITLE)
        a11y.check(page)
    shot(page, "s7-08-tim-kiem-khong-dau", small=True)


def test_archive_lend_return_and_destroy_a_record(running_eiso, page, shot, tmp_path):
    base = running_eiso
    number, title = "HS-2019-07", "Hồ sơ đề tài đường giao thông nông thôn"

    # Trưởng phòng: Lưu trữ hồ sơ → Lưu trữ hồ sơ mới: a paper record of 2021, kept 2 years, with its scan.
    log_in(page, base, "truongphong")
    menu(page, "Lưu trữ hồ sơ")
    page.get_by_role("link", name="Lưu trữ hồ sơ mới").click()
    page.get_by_label("Số, ký hiệu").fill(number)
    page.get_by_label("Tên hồ sơ").fill(title)
    page.get_by_label("Loại hồ sơ").select_option(label="Hồ sơ nhiệm vụ")
    page.get_by_label("Ngày kết thúc").fill(date(TODAY.year - 4, 3, 15).strftime("%d/%m/%Y"))
    page.get_by_label("Số năm").fill("2")
    page.get_by_label("Kho", exact=True).fill("Kho 1")
    page.get_by_label("Giá", exact=True).fill("Giá 3")
    page.get_by_label("Hộp", exact=True).fill("Hộp 12")
    page.get_by_label("Tập tin").set_input_files(str(pdf_file(tmp_path / "Ban chup ho so.pdf", "De tai duong")))
    shot(page, "s7-11-truongphong-luu-tru", small=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã lưu trữ hồ sơ")
    expect(page.locator("main")).to_contain_text("Kho 1, Giá 3, Hộp 12")
    record_url = page.url
    scan = page.get_by_role("link", name=re.compile("^Tải về")).first.get_attribute("href")
    log_out(page)

    # Chuyên viên: Mượn trả hồ sơ → Đăng ký mượn.
    log_in(page, base, "nhanvien")
    menu(page, "Mượn trả hồ sơ")
    choose(page, "Hồ sơ", number)
    page.get_by_label("Lý do mượn").fill("Đối chiếu số liệu đề tài")
    page.get_by_label("Hạn trả").fill((TODAY + timedelta(days=7)).strftime("%d/%m/%Y"))
    shot(page, "s7-12-nhanvien-dang-ky-muon", small=True)
    page.get_by_role("button", name="Đăng ký mượn").click()
    expect(page.locator("main")).to_contain_text("chờ Trưởng phòng duyệt")
    log_out(page)

    # Trưởng phòng: Duyệt, then Ghi nhận trả when it comes back.
    log_in(page, base, "truongphong")
    menu(page, "Mượn trả hồ sơ")
    row = page.locator("tbody tr", has_text=number)
    row.get_by_role("button", name=re.compile("^Duyệt")).click()
    expect(page.locator("tbody tr", has_text=number)).to_contain_text("Đang mượn")
    shot(page, "s7-13-truongphong-da-duyet-muon", small=True)
    page.locator("tbody tr", has_text=number).get_by_role("button", name=re.compile("^Ghi nhận trả")).click()
    expect(page.locator("tbody tr", has_text=number)).to_contain_text("Đã trả")
    shot(page, "s7-14-truongphong-da-tra")
    log_out(page)

    # Thư ký ISO: Hủy hồ sơ → the record is past its retention → Đề xuất hủy, to the leader.
    log_in(page, base, "thuky")
    menu(page, "Hủy hồ sơ")
    page.get_by_label(f"Chọn {number}").check()
    shot(page, "s7-15-thuky-ho-so-het-han", small=True)
    page.get_by_role("button", name="Đề xuất hủy").click()
    expect(page.get_by_label(re.compile(number))).to_be_checked()
    page.get_by_label("Lý do hủy").fill("Hết thời hạn lưu trữ theo quy định")
    route_to_leader(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã trình danh sách hủy hồ sơ")
    log_out(page)

    # Lãnh đạo: Hủy hồ sơ → Duyệt.
    log_in(page, base, "lanhdao")
    leader_clicks_duyet(page, base, shot, "16-lanhdao-huy", where="Hủy hồ sơ", row_text=number)
    log_out(page)

    # Thư ký ISO: the list is executed, the minutes are a Word document, the record is a tombstone, its file gone.
    log_in(page, base, "thuky")
    menu(page, "Hủy hồ sơ")
    minutes = page.get_by_role("link", name=re.compile(r"Bien-ban-huy-ho-so-.*\.docx"))
    until(page, lambda: minutes.count() == 1, page.reload)
    shot(page, "s7-17-thuky-da-huy", small=True)
    with page.expect_download() as download:
        minutes.click()
    written = docx.Document(download.value.path())
    assert "BIÊN BẢN HỦY HỒ SƠ HẾT THỜI HẠN LƯU TRỮ" in "\n".join(p.text for p in written.paragraphs)
    assert number in [cell.text for table in written.tables for row in table.rows for cell in row.cells]
    page.goto(record_url)
    expect(page.locator("main")).to_contain_text("Đã hủy")
    expect(page.locator("main")).to_contain_text("Tập tin không còn")
    shot(page, "s7-18-ho-so-da-huy", small=True)
    assert page.request.get(f"{base}{scan}").status == 404
