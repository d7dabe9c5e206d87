"""The destruction minutes (biên bản hủy hồ sơ) as a Word document, written with python-docx.

Everything in it comes from the executed list: the records (now tombstones), who proposed and who approved,
when, why, the dossier that decided it. The document's core properties carry the execution time, so the
same list always gives the same text.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from eiso_contracts.rpc.documents import RECORD_TYPES

from ..records.aggregate import Record
from .aggregate import Destruction

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Names:
    unit: str
    proposer: str
    approver: str
    departments: dict[str, str]


def file_name(destruction: Destruction) -> str:
    return f"Bien-ban-huy-ho-so-{destruction.dossier_code or destruction.id}.docx"


def _date(value: datetime, tz: str) -> str:
    return value.astimezone(ZoneInfo(tz)).strftime("%d/%m/%Y")


def _centered(document, text: str, bold: bool = False, size: int = 13) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def write(destruction: Destruction, records: list[Record], names: Names, tz: str) -> bytes:
    executed = destruction.executed_at
    document = Document()
    document.core_properties.title = "Biên bản hủy hồ sơ hết thời hạn lưu trữ"
    document.core_properties.author = names.approver
    document.core_properties.created = document.core_properties.modified = executed
    document.core_properties.last_modified_by = names.approver
    _centered(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    _centered(document, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _centered(document, names.unit, size=12)
    _centered(document, "BIÊN BẢN HỦY HỒ SƠ HẾT THỜI HẠN LƯU TRỮ", bold=True, size=14)
    _centered(document, f"Ngày {_date(executed, tz)}", size=12)
    document.add_paragraph(
        f"Căn cứ hồ sơ {destruction.dossier_code or ''} “Hủy hồ sơ hết thời hạn lưu trữ” do {names.proposer} "
        f"(Thư ký ISO) đề xuất ngày {_date(destruction.proposed_at, tz)} và {names.approver} (Lãnh đạo đơn vị) "
        f"phê duyệt ngày {_date(destruction.approved_at or executed, tz)}.")
    document.add_paragraph(f"Lý do hủy: {destruction.content.reason}")
    document.add_paragraph(f"Đã hủy {len(records)} hồ sơ sau đây:")
    table = document.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    headers = ("STT", "Số, ký hiệu", "Tên hồ sơ", "Loại hồ sơ", "Phòng ban", "Ngày kết thúc / Thời hạn",
               "Vị trí (kho, giá, hộp)")
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for index, record in enumerate(records, start=1):
        where = ", ".join(part for part in (record.store, record.shelf, record.box) if part) or "Không có bản giấy"
        values = (str(index), record.number, record.title, RECORD_TYPES.get(record.record_type, record.record_type),
                  names.departments.get(record.department_id, record.department_id),
                  f"{record.closed_on:%d/%m/%Y} / {record.retention_years} năm", where)
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    document.add_paragraph(
        f"Các tệp điện tử của những hồ sơ trên ({destruction.files_deleted} tệp) đã được xóa khỏi kho lưu trữ; "
        "thông tin mô tả hồ sơ được giữ lại trong hệ thống. Bản giấy (nếu có) được hủy theo quy định.")
    signatures = document.add_table(rows=2, cols=2)
    for cell, text in zip(signatures.rows[0].cells, ("NGƯỜI LẬP", "LÃNH ĐẠO ĐƠN VỊ")):
        cell.text = text
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].bold = True
    for cell, text in zip(signatures.rows[1].cells, (names.proposer, names.approver)):
        cell.text = f"\n\n\n{text}"
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
