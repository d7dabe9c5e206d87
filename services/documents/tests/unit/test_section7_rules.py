"""Section 7 rules without I/O: what a file is by its bytes, its text, retention, loans, the search's words."""
import io
from datetime import date, datetime, timezone

import docx
import openpyxl
import pytest

from eiso_contracts.errors import AlreadyProcessed, Conflict, Forbidden, InvalidInput
from eiso_contracts.rpc.common import Actor
from eiso_documents.content.kinds import OLE2, check
from eiso_documents.content.text import Unreadable, extract
from eiso_documents.records import loans
from eiso_documents.records.aggregate import Record, check_archivist, retention_until
from eiso_documents.search.prepare import MAX_TERMS, indexed_text, terms

NOW = datetime(2026, 11, 26, tzinfo=timezone.utc)


def word(*paragraphs) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def excel(*cells) -> bytes:
    workbook = openpyxl.Workbook()
    for index, value in enumerate(cells, start=1):
        workbook.active.cell(row=index, column=1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, body, kind", [
    ("quy-trinh.docx", word("x"), "docx"),
    ("bieu-mau.xlsx", excel("x"), "xlsx"),
    ("to-trinh.pdf", b"%PDF-1.7\n...", "pdf"),
    ("cu.doc", OLE2 + b"\0" * 600, "doc"),
    ("cu.xls", OLE2 + b"\0" * 600, "xls"),
    ("anh.PNG", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "png"),
    ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 32, "jpeg"),
])
def test_allowed_kinds_are_read_from_the_bytes(name, body, kind):
    assert check(io.BytesIO(body), name).code == kind


@pytest.mark.parametrize("name, body, says", [
    ("trang.pdf", b"<!doctype html><script>alert(1)</script>", "không phải định dạng được phép"),
    ("hinh.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "không phải định dạng được phép"),
    ("chay.pdf", b"MZ\x90\x00" + b"\0" * 64, "không phải định dạng được phép"),
    ("nen.zip", b"PK\x03\x04" + b"\0" * 64, "không phải định dạng được phép"),
    ("doi-ten.pdf", word("x"), "phần mở rộng"),
    ("khong-duoi", b"%PDF-1.4", "phần mở rộng"),
])
def test_anything_else_is_refused_with_a_sentence(name, body, says):
    with pytest.raises(ValueError) as raised:
        check(io.BytesIO(body), name)
    assert says in str(raised.value) and name in str(raised.value)


def test_the_text_of_word_and_excel_files():
    assert "Lưu đồ phê duyệt" in extract("docx", io.BytesIO(word("Quy trình", "Lưu đồ phê duyệt")))
    assert "Biểu mẫu đăng ký" in extract("xlsx", io.BytesIO(excel("Biểu mẫu đăng ký", 42)))
    assert extract("png", io.BytesIO(b"\x89PNG")) == ""


def test_a_broken_office_file_is_unreadable():
    with pytest.raises(Unreadable):
        extract("docx", io.BytesIO(b"PK\x03\x04 not really a zip"))


def test_retention_counts_whole_years_from_the_closing_date():
    assert retention_until(date(2020, 3, 15), 5) == date(2025, 3, 15)
    assert retention_until(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert retention_until(date(2024, 2, 29), None) is None  # Vĩnh viễn


def record(**changes) -> Record:
    values = dict(id="r1", unit_code="U", number="HS-1", title="t", record_type="khac", department_id="d-kh",
                  closed_on=date(2020, 1, 1), retention_years=2, archived_by="p", archived_at=NOW)
    values.update(changes)
    return Record(**values)


def actor(*roles, department="d-kh") -> Actor:
    return Actor(id=f"p-{'-'.join(roles)}", unit_code="U", roles=list(roles), department_id=department)


def test_past_retention_and_who_archives():
    assert record().past_retention(date(2022, 1, 2)) and not record().past_retention(date(2022, 1, 1))
    assert not record(retention_years=None).past_retention(date(2100, 1, 1))
    check_archivist(actor("secretary", department="d-vp"), "d-kh")
    check_archivist(actor("dept_head"), "d-kh")
    with pytest.raises(Forbidden):
        check_archivist(actor("dept_head", department="d-vp"), "d-kh")
    with pytest.raises(Forbidden):
        check_archivist(actor("staff"), "d-kh")


def test_a_loan_is_decided_by_the_head_of_the_records_department_and_returned_once():
    loan = loans.request("l1", actor("staff"), record(), "Tra cứu", date(2026, 11, 1), date(2026, 11, 10),
                         lent=False, in_destruction=False, now=NOW)
    with pytest.raises(Forbidden):
        loans.decide(loan, actor("leader", department="d-bgd"), record(), True, "", lent=False, now=NOW)
    with pytest.raises(Forbidden):
        loans.decide(loan, actor("dept_head", department="d-vp"), record(), True, "", lent=False, now=NOW)
    with pytest.raises(Conflict):
        loans.decide(loan, actor("dept_head"), record(), True, "", lent=True, now=NOW)
    loans.decide(loan, actor("dept_head"), record(), True, "Đồng ý", lent=False, now=NOW)
    assert loan.status == "approved" and loan.overdue(date(2026, 11, 11)) and not loan.overdue(date(2026, 11, 10))
    with pytest.raises(AlreadyProcessed):
        loans.decide(loan, actor("dept_head"), record(), False, "", lent=False, now=NOW)
    with pytest.raises(Forbidden):
        loans.give_back(loan, actor("staff"), record(), date(2026, 11, 5))
    loans.give_back(loan, actor("secretary", department="d-vp"), record(), date(2026, 11, 5))
    assert (loan.status, loan.returned_on) == ("returned", date(2026, 11, 5)) and not loan.overdue(date(2027, 1, 1))


def test_no_loan_of_a_destroyed_a_listed_or_a_lent_record():
    args = ("l1", actor("staff"), record(), "x", date(2026, 1, 1), date(2026, 1, 2))
    with pytest.raises(InvalidInput):
        loans.request("l1", actor("staff"), record(state="destroyed"), "x", date(2026, 1, 1), date(2026, 1, 2),
                      lent=False, in_destruction=False, now=NOW)
    with pytest.raises(Conflict):
        loans.request(*args, lent=False, in_destruction=True, now=NOW)
    with pytest.raises(Conflict):
        loans.request(*args, lent=True, in_destruction=False, now=NOW)


def test_the_search_words_are_prepared_like_the_index():
    found = terms("Quy trình: kiểm-soát/tài liệu!")
    assert found.words == ["Quy", "trình", "kiểm", "soát", "tài", "liệu"]
    assert found.pairs == ["Quytrình", "trìnhkiểm", "kiểmsoát", "soáttài", "tàiliệu"]
    assert terms("Đường đi").words == ["Dường", "di"]  # đ only; the database folds the other accents
    assert terms("\"' OR 1=1 --").words == ["OR", "1", "1"]
    assert len(terms("a " * 50).words) == MAX_TERMS and not terms(" -- ")
    assert terms("tài").pairs == []
    assert indexed_text("08/TTNB-To", "Tờ trình", ["nội dung đ"]) == \
        "08 TTNB To 08TTNB TTNBTo Tờ trình Tờtrình nội dung d nộidung dungd"
