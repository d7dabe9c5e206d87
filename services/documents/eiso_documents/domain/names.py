"""File names: what a person uploaded, made safe to keep and to hand back in a download."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_NAME_BYTES = 255  # what common file systems accept, so a downloaded file can be saved as named
_MAX_EXTENSION_BYTES = 16
# Control characters, invisible format characters (e.g. U+202E, which reverses how a name reads),
# surrogates, unassigned code points, line and paragraph separators.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_RESERVED = set('<>:"|?*')  # refused by Windows when the person saves the download
_PATH_SEPARATORS = re.compile(r"[/\\]")


def sanitise_filename(raw: str) -> str:
    """The last path part of ``raw``, without control characters, in NFC; "" if nothing usable is left.

    Vietnamese letters (and every other letter) are kept; Windows-reserved characters become
    ``_``; runs of white space become one space; leading and trailing dots and spaces go (no
    hidden files, no ``.`` / ``..``); the name is cut to 255 UTF-8 bytes, keeping its extension.
    """
    name = unicodedata.normalize("NFC", raw)
    name = _PATH_SEPARATORS.split(name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    name = "".join("_" if ch in _RESERVED else ch for ch in name)
    name = " ".join(name.split())
    name = name.strip(" .")
    return _truncate(name, MAX_NAME_BYTES)


def _truncate(name: str, max_bytes: int) -> str:
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension.encode("utf-8")) > _MAX_EXTENSION_BYTES:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    budget = max_bytes - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return cut + suffix


def ascii_fallback(name: str) -> str:
    """An ASCII stand-in for old clients: diacritics dropped (``Quyết định`` -> ``Quyet dinh``)."""
    name = name.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    out = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in plain)
    return out.strip() or "file"


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the exact UTF-8 name as RFC 5987 ``filename*``."""
    return f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
