"""The audit report as a Word document (python-docx), in the layout of a Vietnamese agency's report."""
from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from eiso_contracts.rpc.audit import ANSWER_RESULTS, FINDING_KINDS

from ..finding.aggregate import Finding
from ..plan.aggregate import Plan

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_name(plan: Plan) -> str:
    return f"Bao-cao-danh-gia-noi-bo-{plan.audit_date:%Y-%m-%d}.docx"


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")


def build(plan: Plan, findings: list[Finding], conclusion: str, *, unit_name: str, issued_at: datetime,
          tz: str, people: Mapping[str, str], departments: Mapping[str, str]) -> bytes:
    """The .docx bytes of the report of ``plan``; names of people and departments are given."""
    def person(person_id):
        return people.get(person_id, person_id)

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(unit_name.upper()).bold = True
    title = doc.add_heading("BÁO CÁO ĐÁNH GIÁ NỘI BỘ", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 — ngày đánh giá {_date(plan.audit_date)}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading("1. Thông tin cuộc đánh giá", level=2)
    facts = doc.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in (
            ("Ngày đánh giá", _date(plan.audit_date)),
            ("Phòng ban được đánh giá", ", ".join(departments.get(d, d) for d in plan.department_ids)),
            ("Phạm vi đánh giá", plan.scope),
            ("Chuẩn mực đánh giá", plan.criteria),
            ("Trưởng đoàn đánh giá", person(plan.lead_auditor_id)),
            ("Thành viên đoàn", ", ".join(person(p) for p in plan.team_ids if p != plan.lead_auditor_id) or "—")):
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value

    doc.add_heading("2. Danh mục kiểm tra", level=2)
    if plan.checklist:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("STT", "Điều khoản", "Câu hỏi", "Kết quả", "Ghi nhận")):
            cell.text = text
        for item in plan.checklist:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = str(item.number), item.clause, item.question
            cells[3].text = ANSWER_RESULTS.get(item.result, "Chưa trả lời") if item.result else "Chưa trả lời"
            cells[4].text = item.answer
    else:
        doc.add_paragraph("Không có danh mục kiểm tra.")

    doc.add_heading("3. Các phát hiện", level=2)
    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind in FINDING_KINDS}
    doc.add_paragraph("; ".join(f"{label}: {counts[kind]}" for kind, label in FINDING_KINDS.items()))
    if findings:
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells,
                              ("STT", "Loại", "Điều khoản", "Phòng ban", "Mô tả", "Bằng chứng")):
            cell.text = text
        for finding in findings:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(finding.number), FINDING_KINDS[finding.kind]
            cells[2].text = finding.clause
            cells[3].text = departments.get(finding.department_id, finding.department_id)
            cells[4].text, cells[5].text = finding.description, finding.evidence

    doc.add_heading("4. Kết luận", level=2)
    doc.add_paragraph(conclusion)
    local = issued_at.astimezone(ZoneInfo(tz))
    sign = doc.add_paragraph(f"Ngày {local:%d} tháng {local:%m} năm {local:%Y}\nTRƯỞNG ĐOÀN ĐÁNH GIÁ\n\n"
                             f"{person(plan.lead_auditor_id)}")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = f"Báo cáo đánh giá nội bộ {_date(plan.audit_date)}"
    doc.core_properties.author = person(plan.lead_auditor_id)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
