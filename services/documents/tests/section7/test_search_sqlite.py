"""The search on SQLite (the embedded run): FTS5 over the search entries, accents and đ folded, one unit only."""
import pytest

from eiso_documents.search import index
from eiso_documents.search.query import search


def put(documents, ref, title, number="", unit="SONGANH", body="", kind="document"):
    with documents.db.transaction() as tx:
        index.put(tx.session, kind=kind, ref_id=ref, unit_code=unit, number=number, title=title,
                  state_label="Đã duyệt", bodies=[body] if body else [])


def found(documents, query, unit="SONGANH"):
    with documents.db.read() as session:
        rows, total = search(session, unit, query, 20, 0)
    assert total == len(rows)
    return [row.ref_id for row in rows]


@pytest.fixture
def indexed(documents):
    put(documents, "d1", "Quy trình kiểm soát tài liệu", number="08/TTNB-To", body="Lưu đồ phê duyệt ban hành")
    put(documents, "d2", "Hướng dẫn lưu trữ hồ sơ", number="12/TTNB-BM01-VP-11")
    put(documents, "r1", "Hồ sơ đề tài đường giao thông", number="HS-2019-07", kind="record")
    put(documents, "x1", "Quy trình kiểm soát tài liệu", number="08/TTNB-To", unit="KHAC")
    return documents


@pytest.mark.parametrize("query, expected", [
    ("quy trinh kiem soat tai lieu", ["d1"]),
    ("QUY TRÌNH Kiểm Soát", ["d1"]),
    ("luu do phe duyet", ["d1"]),            # the text inside its file
    ("duong giao thong", ["r1"]),            # đ typed as d
    ("đường giao thông", ["r1"]),
    ("TTNB-To", ["d1"]),                     # the number, punctuation and all
    ("08/ttnb-to", ["d1"]),
    ("BM01 VP 11", ["d2"]),
    ("ho so", ["d2", "r1"]),
    ("quy trinh ho so", []),                 # every word must be found
    ("kiem soat quy trinh", ["d1"]),         # no entry has these pairs: then the words, in any order
    ("tai", ["d1", "r1"]),                  # one syllable: tài liệu, đề tài
    ("\"; DROP TABLE search_entries; --", []),
    ("  ...  ", []),
])
def test_accent_insensitive_search_in_the_unit(indexed, query, expected):
    assert sorted(found(indexed, query)) == sorted(expected)


def test_another_unit_sees_only_its_own(indexed):
    assert found(indexed, "quy trinh", unit="KHAC") == ["x1"]
    assert found(indexed, "quy trinh", unit="NOBODY") == []


def test_an_entry_rewritten_is_found_by_its_new_text_only(indexed):
    put(indexed, "d1", "Quy định bảo mật thông tin", number="08/TTNB-To")
    assert found(indexed, "kiem soat tai lieu") == []
    assert found(indexed, "quy dinh bao mat") == ["d1"]
