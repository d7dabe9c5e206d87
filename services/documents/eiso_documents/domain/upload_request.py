"""What the headers of ``POST /files`` say about the file that follows in the body."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import unquote

from eiso_contracts.rpc.documents import HEADER_FILENAME, HEADER_UNIT, HEADER_UPLOADER

from .errors import BadRequest, empty_file, too_large
from .grants import OTHER_UNIT, Grant, GrantForbidden
from .names import sanitise_filename

DEFAULT_CONTENT_TYPE = "application/octet-stream"
_UNIT = re.compile(r"^[A-Za-z0-9_-]{1,20}$")  # as the context service defines unit codes
_PERSON = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$")
_PERCENT_ENCODED = re.compile(r"^[\x21-\x7e]*$")  # visible ASCII only: no raw UTF-8, no spaces
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_PARAMETER = rf"{_TOKEN}=(?:{_TOKEN}|\"[^\"\\\r\n]*\")"
_CONTENT_TYPE = re.compile(rf"^({_TOKEN}/{_TOKEN})((?:\s*;\s*{_PARAMETER})*)\s*$")
_MAX_CONTENT_TYPE = 200
_PATH_SEPARATORS = re.compile(r"[/\\]")


@dataclass(frozen=True)
class UploadRequest:
    unit_code: str
    uploaded_by: str
    name: str
    content_type: str
    declared_size: int | None  # Content-Length, when the client sent one
    checked: bool = False      # the bytes are checked and their text extracted (content.inspect)


def read_upload_headers(headers: Mapping[str, str], limit: int, grant: Grant) -> UploadRequest:
    """Check every header before a byte of the body is read; a declared size over ``limit`` is refused here.

    The unit and the uploader are the grant's; ``X-Eiso-Unit`` / ``X-Eiso-Uploader``, when sent, must
    agree with it (an upload cannot claim another unit).
    """
    unit, person = grant.unit_code, grant.person_id
    claimed_unit = (headers.get(HEADER_UNIT) or "").strip()
    claimed_person = (headers.get(HEADER_UPLOADER) or "").strip()
    if (claimed_unit and claimed_unit != unit) or (claimed_person and claimed_person != person):
        raise GrantForbidden(OTHER_UNIT if claimed_unit and claimed_unit != unit
                             else "Quyền tải lên này dành cho người khác.")
    if not _UNIT.match(unit) or not _PERSON.match(person):
        raise BadRequest("Đơn vị hoặc người tải lên của quyền truy cập không hợp lệ.")
    encoded = _required(headers, HEADER_FILENAME, "Thiếu tiêu đề X-Eiso-Filename (tên tệp, mã hoá phần trăm UTF-8).")
    raw_name = _percent_decoded(encoded)
    if grant.checked and _PATH_SEPARATORS.search(raw_name):
        raise BadRequest(f"Tên tệp “{sanitise_filename(raw_name)}” được gửi kèm đường dẫn (ký tự / hoặc \\). "
                         "Vui lòng chỉ gửi tên tệp.")
    name = sanitise_filename(raw_name)
    if not name:
        raise BadRequest("Tên tệp không hợp lệ.")
    declared = _content_length(headers.get("Content-Length"))
    if declared is not None and declared > limit:
        raise too_large(limit)
    if declared == 0:
        raise empty_file()
    return UploadRequest(unit_code=unit, uploaded_by=person, name=name,
                         content_type=_content_type(headers.get("Content-Type")), declared_size=declared,
                         checked=grant.checked)


def _required(headers: Mapping[str, str], name: str, missing: str) -> str:
    value = (headers.get(name) or "").strip()
    if not value:
        raise BadRequest(missing)
    return value


def _percent_decoded(value: str) -> str:
    bad = BadRequest("Tên tệp trong tiêu đề X-Eiso-Filename phải được mã hoá phần trăm theo UTF-8.")
    if not _PERCENT_ENCODED.match(value):
        raise bad
    try:
        return unquote(value, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise bad from None


def _content_length(value: str | None) -> int | None:
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    if not value.isdigit() or not value.isascii():
        raise BadRequest("Độ dài nội dung (Content-Length) không hợp lệ.")
    return int(value)


def _content_type(value: str | None) -> str:
    if value is None or not value.strip():
        return DEFAULT_CONTENT_TYPE
    match = _CONTENT_TYPE.match(value.strip())
    if match is None or len(value) > _MAX_CONTENT_TYPE:
        raise BadRequest("Kiểu nội dung (Content-Type) không hợp lệ.")
    media_type, parameters = match.group(1).lower(), match.group(2)
    return "; ".join([media_type, *re.findall(_PARAMETER, parameters)])
