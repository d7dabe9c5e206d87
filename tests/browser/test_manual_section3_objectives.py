"""Manual section 3, "Mục tiêu chất lượng hàng năm", and the measurement per department.

The secretary builds the year's objectives under the issued policy (dossier "Xây dựng, chỉnh sửa mục tiêu chất
lượng"); the leader reads them in "Thông tin hồ sơ", approves in "Xử lý" and sends "Bước 3: Ghi nhận" to
Văn phòng sở / Thư ký ISO; recorded, version 1 is in force (Trang chủ). "Nâng cấp phiên bản" makes version 2,
which supersedes it. The department head takes objectives for the department and enters results (a missed
target needs its cause and corrective action); the leader sees target against measured as a chart and a
table, and exports it to Excel. Real gateway, services, RabbitMQ and PostgreSQL; screenshots in
test-artifacts/browser/.
"""
import io
import re
from datetime import date, timedelta

import a11y
import pytest
from manual_steps import choose, issue_policy, log_in, log_out, reload_until, route_to
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.integration]

YEAR = date.today().year
DEADLINE = (date.today() + timedelta(days=5)).strftime("%d/%m/%Y")
MOTTO = "Không ngừng nâng cao chất lượng hoạt động quản lý nhà nước và dịch vụ công về KHCN"
STATEMENTS = ["Thực hiện tốt vai trò quản lý nhà nước về KHCN", "Không ngừng nâng cao chất lượng dịch vụ công",
              "Sự hài lòng của cơ quan và người dân là thước đo hiệu quả công việc"]
OBJECTIVES = [("Đảm bảo sự hài lòng của khách hàng giải quyết DVC", "98,00"),
              ("Duy trì HTQLCL trên phần mềm ISO điện tử đảm bảo yêu cầu TCVN ISO 9001:2015", "100,00"),
              ("Giải quyết đầy đủ kịp thời và đúng hạn TTHC", "100,00"),
              ("Hoàn thành nhiệm vụ của cấp trên giao", "100,00")]
TYPE = "Xây dựng, chỉnh sửa mục tiêu chất lượng"


def open_objectives(page):
    page.get_by_role("link", name="Mục tiêu chất lượng hàng năm").click()
    expect(page.get_by_role("heading", name="Mục tiêu chất lượng hàng năm", exact=True)).to_be_visible()


def open_todo_dossier(page, shot=None, name=None):
    """Kiểm soát hoạt động ISO → Chưa xử lý → the objectives dossier (it arrives through events)."""
    page.get_by_role("link", name="Kiểm soát hoạt động ISO").first.click()
    page.get_by_role("link", name=re.compile("Chưa xử lý")).click()
    reload_until(page, lambda: page.locator("tr", has_text=TYPE).count() == 1)
    if shot:
        shot(page, name, small=True)
    page.locator("tr", has_text=TYPE).get_by_role("link").first.click()


def process(page, choice, shot, name, to=None):
    page.get_by_role("link", name="Xử lý").first.click()
    a11y.check(page)
    page.get_by_label(choice, exact=True).check()
    if to:
        route_to(page, *to, DEADLINE)
    shot(page, name)
    page.get_by_role("button", name="Lưu").click()


def test_objectives_built_approved_recorded_upgraded_and_measured(running_eiso, page, shot, tmp_path):
    base = running_eiso
    issue_policy(base, YEAR, MOTTO, STATEMENTS, (date.today() + timedelta(days=5)).isoformat())

    # Thư ký ISO: Mục tiêu chất lượng → Xây dựng, chỉnh sửa mục tiêu chất lượng.
    log_in(page, base, "thuky")
    open_objectives(page)
    shot(page, "s3-01-thuky-muc-tieu-trong", small=True)
    page.get_by_role("link", name=TYPE).click()
    page.get_by_label("Năm", exact=True).fill(str(YEAR))
    choose(page, "Chọn chính sách", f"Năm {YEAR} - {MOTTO}")
    for statement in STATEMENTS:
        expect(page.locator(".policy-statements:visible")).to_contain_text(statement)
    for row, (name, target) in enumerate(OBJECTIVES, start=1):
        page.get_by_label(f"Tên mục tiêu (dòng {row})").fill(name)
        page.get_by_label(f"Đo lường (%) (dòng {row})").fill(target)
    page.get_by_label("Đo lường (%) (dòng 1)").fill("101")           # bad input: a clear message, nothing stored
    route_to(page, "Ban Giám đốc", "Nguyễn Văn An", DEADLINE)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".error-summary")).to_contain_text("Đo lường (%) (dòng 1): phải từ 0 đến 100")
    expect(page.get_by_label("Tên mục tiêu (dòng 4)")).to_have_value(OBJECTIVES[3][0])
    shot(page, "s3-02-thuky-do-luong-sai")
    page.get_by_label("Đo lường (%) (dòng 1)").fill("98,00")
    expect(page.locator("[data-objectives-total]")).to_have_text("4")
    route_to(page, "Ban Giám đốc", "Nguyễn Văn An", DEADLINE)
    shot(page, "s3-03-thuky-xay-dung-muc-tieu")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("đã được lưu và trình duyệt")
    log_out(page)

    # Lãnh đạo: Chưa xử lý → the dossier → Thông tin hồ sơ → Xử lý: Duyệt, Bước 3: Ghi nhận → Văn phòng sở.
    log_in(page, base, "lanhdao")
    open_todo_dossier(page, shot, "s3-04-lanhdao-chua-xu-ly")
    main = page.locator("main")
    expect(main).to_contain_text(re.compile(rf"3-{YEAR}-\d+-SONGANH"))
    expect(main).to_contain_text(f"Năm {YEAR} - {MOTTO}")
    expect(main).to_contain_text("98,00")
    expect(main).to_contain_text("Tổng số: 4")
    shot(page, "s3-05-lanhdao-thong-tin-ho-so", small=True)
    page.get_by_role("link", name="Xử lý").first.click()
    expect(page.get_by_label("Chọn chính sách")).to_be_visible()
    expect(page.get_by_label("Chọn phiên bản mục tiêu")).to_be_visible()
    expect(page.get_by_label("Tên mục tiêu (dòng 3)")).to_have_value(OBJECTIVES[2][0])
    page.get_by_label("Duyệt", exact=True).check()
    expect(page.locator("main")).to_contain_text("Bước 3: Ghi nhận")
    route_to(page, "Văn phòng sở", "Trần Thị Bình", DEADLINE)
    shot(page, "s3-06-lanhdao-xu-ly-duyet", small=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Ghi nhận")
    log_out(page)

    # Thư ký ISO: Ghi nhận → version 1 in force (Trang chủ).
    log_in(page, base, "thuky")
    open_todo_dossier(page)
    process(page, "Ghi nhận", shot, "s3-07-thuky-ghi-nhan")
    expect(page.locator("main")).to_contain_text("Hoàn thành")
    open_objectives(page)
    reload_until(page, lambda: page.locator("#in-force-title").count() == 1)
    expect(page.locator("main")).to_contain_text("Phiên bản 1")
    expect(page.locator("main")).to_contain_text("Đang áp dụng")
    page.get_by_role("link", name="Trang chủ").first.click()
    expect(page.locator("#objectives-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Đảm bảo sự hài lòng của khách hàng giải quyết DVC")
    shot(page, "s3-08-trang-chu-muc-tieu")

    # Nâng cấp phiên bản: version 2 from the one in force, one target changed.
    open_objectives(page)
    page.get_by_role("link", name="Nâng cấp phiên bản").click()
    expect(page.get_by_label("Tên mục tiêu (dòng 1)")).to_have_value(OBJECTIVES[0][0])
    page.get_by_label("Đo lường (%) (dòng 4)").fill("95,5")
    route_to(page, "Ban Giám đốc", "Nguyễn Văn An", DEADLINE)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Phiên bản 2")
    log_out(page)
    log_in(page, base, "lanhdao")
    open_todo_dossier(page)
    process(page, "Duyệt", shot, "s3-09-lanhdao-duyet-phien-ban-2", to=("Văn phòng sở", "Trần Thị Bình"))
    log_out(page)
    log_in(page, base, "thuky")
    open_todo_dossier(page)
    process(page, "Ghi nhận", shot, "s3-10-thuky-ghi-nhan-phien-ban-2")
    open_objectives(page)
    reload_until(page, lambda: "Hết hiệu lực" in page.locator("main").inner_text())
    expect(page.locator("#in-force-title")).to_contain_text("Phiên bản 2")
    expect(page.locator("main")).to_contain_text("95,50")
    shot(page, "s3-11-thuky-hai-phien-ban", small=True)
    log_out(page)

    # Trưởng phòng: the department's objectives (own target, period), then results.
    log_in(page, base, "truongphong")
    page.get_by_role("link", name="Đo lường của phòng").click()
    page.get_by_label("Áp dụng: " + OBJECTIVES[0][0]).check()
    page.get_by_label("Mục tiêu của phòng (%): " + OBJECTIVES[0][0]).fill("96")
    page.get_by_label("Kỳ đo lường: " + OBJECTIVES[0][0]).select_option(label="Tháng")
    page.get_by_label("Áp dụng: " + OBJECTIVES[2][0]).check()
    page.get_by_label("Kỳ đo lường: " + OBJECTIVES[2][0]).select_option(label="Quý")
    shot(page, "s3-12-truongphong-muc-tieu-cua-phong")
    page.get_by_role("button", name="Lưu mục tiêu của phòng").click()
    expect(page.locator(".flashes")).to_contain_text("Đã lưu mục tiêu của phòng.")
    first = page.locator("section", has=page.get_by_role("heading", name="1. " + OBJECTIVES[0][0]))
    first.get_by_label("Kỳ đo lường").select_option(label=f"Tháng 1/{YEAR}")
    first.get_by_label("Kết quả đo lường (%)").fill("97")
    first.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".flashes")).to_contain_text("Đã lưu kết quả đo lường.")
    first = page.locator("section", has=page.get_by_role("heading", name="1. " + OBJECTIVES[0][0]))
    first.get_by_label("Kỳ đo lường").select_option(label=f"Tháng 2/{YEAR}")
    first.get_by_label("Kết quả đo lường (%)").fill("90")
    first.get_by_role("button", name="Lưu kết quả").click()      # missed without a cause: refused, said why
    expect(page.locator(".alert-error")).to_contain_text("Nguyên nhân và Hành động khắc phục")
    shot(page, "s3-13-truongphong-thieu-nguyen-nhan")
    first = page.locator("section", has=page.get_by_role("heading", name="1. " + OBJECTIVES[0][0]))
    expect(first.get_by_label("Kết quả đo lường (%)")).to_have_value("90")
    first.get_by_label("Nguyên nhân").fill("Khách hàng chưa hiểu")
    first.get_by_label("Hành động khắc phục").fill("Hướng dẫn lại quy trình cho khách hàng")
    first.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".flashes")).to_contain_text("Đã lưu kết quả đo lường.")
    expect(page.locator("main")).to_contain_text("Không đạt")
    shot(page, "s3-14-truongphong-ket-qua", small=True)
    log_out(page)

    # Lãnh đạo: Kết quả đo lường — the chart (a served SVG), the numbers as a table, the Excel export.
    log_in(page, base, "lanhdao")
    page.get_by_role("link", name="Kết quả đo lường").click()
    chart = page.locator("img.chart").first
    expect(chart).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    svg = page.request.get(base + chart.get_attribute("src"))
    assert svg.status == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert "97,00" in svg.text() and "90,00" in svg.text()
    table = page.locator("main table").first
    expect(table).to_contain_text("Khách hàng chưa hiểu")
    expect(table).to_contain_text("96,00")
    shot(page, "s3-15-lanhdao-bieu-do-ket-qua", small=True)
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Xuất Excel").click()
    path = tmp_path / "ket-qua.xlsx"
    waiting.value.save_as(path)
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Phòng ban", "Mục tiêu chất lượng", "Mục tiêu đo lường (%)", "Kỳ đo lường",
                           "Kết quả đo lường (%)")
    assert ("Phòng quản lý Khoa học", OBJECTIVES[0][0], 96.0, f"Tháng 2/{YEAR}", 90.0, "Không đạt",
            "Khách hàng chưa hiểu", "Hướng dẫn lại quy trình cho khách hàng") in rows
