"""The measurement chart (matplotlib SVG) and the Excel export (openpyxl), as files a person opens."""
import io
from decimal import Decimal

from openpyxl import load_workbook

from eiso_gateway.areas.objectives import chart, export


def test_the_chart_is_an_svg_readable_without_colour():
    svg = chart.draw(["Tháng 1/2026", "Tháng 2/2026"], [Decimal("96.00")] * 2, [Decimal("97.00"), Decimal("90.00")],
                     title="Phòng quản lý Khoa học — Đảm bảo sự hài lòng", target_label="Mục tiêu đo lường (%)",
                     measured_label="Kết quả đo lường (%)", axis_label="%").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "97,00" in svg and "90,00" in svg                      # every point carries its value
    assert "Mục tiêu đo lường (%)" in svg and "Kết quả đo lường (%)" in svg   # a legend in words
    assert "stroke-dasharray" in svg                                # the target is dashed, not only coloured
    assert 'href="http' not in svg and "<script" not in svg    # nothing loaded from elsewhere, no code


def test_the_chart_of_a_period_without_results_still_draws_the_target():
    svg = chart.draw(["Năm 2026"], [Decimal("100.00")], [None], title="x", target_label="t", measured_label="m",
                     axis_label="%", comma=False).decode()
    assert "<svg" in svg


def test_the_export_is_a_real_workbook_with_numbers():
    body = export.workbook("Kết quả đo lường", ["Phòng ban", "Kết quả đo lường (%)"],
                           [["Phòng quản lý Khoa học", 90.0]], [20, 12])
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "Kết quả đo lường" and sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["B2"].value == 90.0 and sheet["B2"].number_format == "0.00"
