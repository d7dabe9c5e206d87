"""A checked upload, read back once it is stored: what its bytes are, and its text for the search.

The bytes are read from storage into a spooled temporary file (memory up to 4 MiB, then disk), because
telling a Word file from any zip, and reading a PDF, need to seek. The parsing runs in a real thread
(``eventlet.tpool``): pure-Python parsing of a large file must not stall the service's other requests.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass

import eventlet.tpool

from eiso_contracts.errors import InvalidInput

from ..storage import Storage
from .kinds import Kind, check
from .text import Unreadable, extract

SPOOL = 4 * 1024 * 1024


@dataclass(frozen=True)
class Inspected:
    kind: Kind
    text: str


def inspect(storage: Storage, key: str, name: str) -> Inspected:
    """``InvalidInput`` (a sentence for the person) when the file is not allowed or cannot be read."""
    stream = storage.open(key)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as copy:
        try:
            for chunk in stream:
                copy.write(chunk)
        finally:
            stream.close()
        return eventlet.tpool.execute(_read, copy, name)


def _read(file, name: str) -> Inspected:
    try:
        kind = check(file, name)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    if not kind.text:
        return Inspected(kind, "")
    try:
        return Inspected(kind, extract(kind.code, file))
    except Unreadable:
        raise InvalidInput(f"Không đọc được tệp “{name}”: tệp {kind.label} bị hỏng hoặc không đúng định dạng.") from None
