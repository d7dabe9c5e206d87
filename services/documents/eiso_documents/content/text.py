"""The text inside PDF, Word and Excel files, for the search: pypdf, python-docx, openpyxl.

Each stops early (pages, cells, characters): the search needs the words, not every byte of a 25 MB file.
A file that cannot be opened as what its bytes say it is raises ``Unreadable``.
"""
from __future__ import annotations

import logging
from typing import BinaryIO

log = logging.getLogger(__name__)

MAX_CHARS = 400_000
MAX_PAGES = 500
MAX_CELLS = 200_000


class Unreadable(Exception):
    pass


def extract(kind: str, file: BinaryIO) -> str:
    file.seek(0)
    try:
        if kind == "pdf":
            return _pdf(file)
        if kind == "docx":
            return _docx(file)
        if kind == "xlsx":
            return _xlsx(file)
    except Unreadable:
        raise
    except Exception as exc:  # each library has its own errors for a broken file
        raise Unreadable(str(exc)) from exc
    return ""


class _Text:
    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str | None) -> bool:
        """Keep ``text``; False once MAX_CHARS are kept (stop reading)."""
        if text:
            text = text[: MAX_CHARS - self.size]
            self.parts.append(text)
            self.size += len(text) + 1
        return self.size < MAX_CHARS

    def __str__(self) -> str:
        return "\n".join(self.parts)


def _pdf(file: BinaryIO) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(file)
        if reader.is_encrypted and not reader.decrypt(""):
            return ""  # shown and kept, but its text is locked
    except PdfReadError as exc:
        raise Unreadable(str(exc)) from exc
    text = _Text()
    for index, page in enumerate(reader.pages):
        if index >= MAX_PAGES:
            break
        try:
            page_text = page.extract_text()
        except Exception as exc:  # one bad page does not hide the others
            log.info("pdf page %d: no text (%s)", index + 1, exc)
            continue
        if not text.add(page_text):
            break
    return str(text)


def _docx(file: BinaryIO) -> str:
    import docx

    document = docx.Document(file)
    text = _Text()
    for paragraph in document.paragraphs:
        if not text.add(paragraph.text):
            return str(text)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if not text.add(cell.text):
                    return str(text)
    return str(text)


def _xlsx(file: BinaryIO) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    text, cells = _Text(), 0
    try:
        for sheet in workbook.worksheets:
            text.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    cells += 1
                    if value is not None and not text.add(str(value)):
                        return str(text)
                    if cells >= MAX_CELLS:
                        return str(text)
    finally:
        workbook.close()
    return str(text)
