"""The kinds of file a controlled document or a record may be, told by their bytes.

``filetype`` (magic numbers) names the format; an Office Open XML or OpenDocument file is a zip whose
entries are then checked with ``zipfile`` (the central directory, not a guess from the first bytes); an
Office 97-2003 file is an OLE2 compound file, which only says "Word or Excel" by its name. Everything
else is refused: HTML, SVG, scripts, executables, archives. Only a PDF is ever shown in the browser.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype

HEAD = 8192
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    extensions: tuple[str, ...]
    mime: str
    text: bool = False          # its text is extracted for the search


KINDS: dict[str, Kind] = {kind.code: kind for kind in (
    Kind("pdf", "PDF", ("pdf",), "application/pdf", text=True),
    Kind("docx", "Word", ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         text=True),
    Kind("xlsx", "Excel", ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", text=True),
    Kind("doc", "Word 97-2003", ("doc",), "application/msword"),
    Kind("xls", "Excel 97-2003", ("xls",), "application/vnd.ms-excel"),
    Kind("odt", "OpenDocument", ("odt",), "application/vnd.oasis.opendocument.text"),
    Kind("ods", "OpenDocument", ("ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    Kind("png", "PNG", ("png",), "image/png"),
    Kind("jpeg", "JPEG", ("jpg", "jpeg"), "image/jpeg"),
)}
ALLOWED_LABEL = "PDF, Word, Excel, OpenDocument, PNG, JPEG"
_ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_OPENDOCUMENT = {"application/vnd.oasis.opendocument.text": "odt",
                 "application/vnd.oasis.opendocument.spreadsheet": "ods"}


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def identify(file: BinaryIO) -> Kind | None:
    """The kind of the file's bytes, or None when it is none of KINDS. ``file`` is seekable."""
    file.seek(0)
    head = file.read(HEAD)
    file.seek(0)
    if head.startswith(OLE2):
        return KINDS["doc"]            # Word or Excel 97-2003: the name decides (see ``check``)
    guessed = filetype.guess(head)
    if guessed is None:
        return None
    if guessed.extension in ("pdf", "png"):
        return KINDS[guessed.extension]
    if guessed.extension == "jpg":
        return KINDS["jpeg"]
    if head.startswith(b"PK\x03\x04"):
        return _zipped(file)
    return None


def _zipped(file: BinaryIO) -> Kind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                code = _OPENDOCUMENT.get(archive.read("mimetype").decode("ascii", "replace").strip())
                return KINDS[code] if code else None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        file.seek(0)
    for code, marker in _ZIP_MARKERS.items():
        if marker in names and "[Content_Types].xml" in names:
            return KINDS[code]
    return None


def check(file: BinaryIO, name: str) -> Kind:
    """The kind of the file, if it is allowed and its name's extension says the same; else ``ValueError``
    with the Vietnamese sentence to show."""
    kind = identify(file)
    extension = extension_of(name)
    if kind is None:
        raise ValueError(f"Tệp “{name}” không phải định dạng được phép (chỉ nhận {ALLOWED_LABEL}); "
                         "nội dung tệp được kiểm tra, không dựa vào tên tệp.")
    if kind.code == "doc" and extension == "xls":
        kind = KINDS["xls"]
    if extension not in kind.extensions:
        raise ValueError(f"Tệp “{name}” có nội dung {kind.label} nhưng tên tệp có phần mở rộng "
                         f"“.{extension or '?'}”. Vui lòng đặt đúng phần mở rộng "
                         f"(.{kind.extensions[0]}) rồi tải lại.")
    return kind
