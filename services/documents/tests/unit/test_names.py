from eiso_documents.domain.names import MAX_NAME_BYTES, ascii_fallback, content_disposition, sanitise_filename


def test_vietnamese_letters_are_kept():
    assert sanitise_filename("Báo cáo đánh giá nội bộ 2026 – Sở KH&CN.pdf") == "Báo cáo đánh giá nội bộ 2026 – Sở KH&CN.pdf"


def test_decomposed_input_is_normalised_to_nfc():
    decomposed = "Quye\u0302\u0301t đi\u0323nh.docx"  # what macOS file pickers may send
    assert sanitise_filename(decomposed) == "Quyết định.docx"


def test_only_the_last_path_part_is_kept():
    assert sanitise_filename("C:\\Users\\thuky\\Desktop\\Kế hoạch.xlsx") == "Kế hoạch.xlsx"
    assert sanitise_filename("../../etc/passwd") == "passwd"
    assert sanitise_filename("/tmp/a/b.txt") == "b.txt"


def test_control_and_invisible_characters_are_dropped():
    assert sanitise_filename("bao\x00cao\r\n\t.pdf") == "baocao.pdf"
    # U+202E would make "exe.pdf" read as "fdp.exe"
    assert sanitise_filename("hoa don \u202efdp.exe") == "hoa don fdp.exe"
    assert sanitise_filename("a\u200bb.txt") == "ab.txt"


def test_windows_reserved_characters_become_underscores_and_spaces_collapse():
    assert sanitise_filename('Tờ trình: "dự thảo" <v2>?.doc') == "Tờ trình_ _dự thảo_ _v2__.doc"
    assert sanitise_filename("  nhiều   khoảng\u00a0trắng  .txt") == "nhiều khoảng trắng .txt"


def test_dots_and_empty_names_leave_nothing():
    for raw in ("", ".", "..", " . ", "../..", "\x00\x01", "folder/"):
        assert sanitise_filename(raw) == ""
    assert sanitise_filename(".htaccess") == "htaccess"
    assert sanitise_filename("ghi chú.") == "ghi chú"


def test_long_names_are_cut_to_255_bytes_keeping_the_extension():
    name = sanitise_filename("Quyết định " * 60 + ".pdf")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(".pdf")
    assert name.startswith("Quyết định Quyết định")
    name.encode("utf-8").decode("utf-8")  # never cut inside a character
    no_extension = sanitise_filename("đ" * 300)
    assert len(no_extension.encode("utf-8")) <= MAX_NAME_BYTES and set(no_extension) == {"đ"}


def test_ascii_fallback_drops_diacritics():
    assert ascii_fallback("Quyết định số 15 – Đơn vị.pdf") == "Quyet dinh so 15 _ Don vi.pdf"
    assert ascii_fallback('a"b\\c.txt') == "a_b_c.txt"
    assert ascii_fallback("文件") == "__"


def test_content_disposition_carries_the_exact_name_as_rfc5987():
    header = content_disposition("Quyết định.pdf")
    assert header == "attachment; filename=\"Quyet dinh.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf"
