"""Grants to the file endpoint: signed, short-lived, for one person, one unit, one file or one upload.

The file endpoint answers HTTP, where anyone on the service network could otherwise ask for any
file or upload in any unit's name. So every request carries a grant this service signed when the
gateway asked for it over RPC (``grant_download`` checks that the file is the person's unit's;
``grant_upload`` that the person's daily quota has room). The endpoint believes nothing else: the
unit and the uploader of an upload are the grant's. Signed with itsdangerous (HMAC-SHA256, with a
timestamp checked against ``GRANT_SECONDS``) under a key only this service's database holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eiso_contracts.errors import AuthenticationFailed, Forbidden
from eiso_contracts.rpc.documents import GRANT_SECONDS
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "eiso-file-grant"
MISSING = "Thiếu quyền truy cập tệp (tiêu đề X-Eiso-Grant)."
INVALID = "Quyền truy cập tệp không hợp lệ."
EXPIRED = "Quyền truy cập tệp đã hết hạn. Vui lòng thử lại."
OTHER_FILE = "Quyền truy cập này không dành cho tệp này."
OTHER_UNIT = "Tệp này thuộc đơn vị khác."
NOT_FOR_UPLOAD = "Quyền truy cập này không dành cho việc tải tệp lên."

Operation = Literal["download", "upload"]


@dataclass(frozen=True)
class Grant:
    operation: Operation
    person_id: str
    unit_code: str
    file_id: str | None = None
    checked: bool = False   # an upload whose bytes are checked (documents, records: grant_checked_upload)


class GrantRefused(AuthenticationFailed):
    """401: no grant, a forged or expired one."""


class GrantForbidden(Forbidden):
    """403: a real grant, but for another file, another unit or another operation."""


class Signer:
    def __init__(self, secret: str):
        self._serializer = URLSafeTimedSerializer(secret, salt=SALT)

    def sign(self, grant: Grant) -> str:
        return self._serializer.dumps({"op": grant.operation, "person": grant.person_id, "unit": grant.unit_code,
                                       "file": grant.file_id, "checked": grant.checked})

    def verify(self, token: str | None, operation: Operation, file_id: str | None = None) -> Grant:
        """The grant in ``token`` for ``operation`` (and ``file_id``), or ``GrantRefused`` / ``GrantForbidden``."""
        if not token:
            raise GrantRefused(MISSING)
        try:
            data = self._serializer.loads(token, max_age=GRANT_SECONDS)
        except SignatureExpired:
            raise GrantRefused(EXPIRED) from None
        except BadSignature:
            raise GrantRefused(INVALID) from None
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("op", "person", "unit")):
            raise GrantRefused(INVALID)
        grant = Grant(data["op"], data["person"], data["unit"], data.get("file"), data.get("checked") is True)
        if grant.operation != operation:
            raise GrantForbidden(NOT_FOR_UPLOAD if operation == "upload" else OTHER_FILE)
        if operation == "download" and grant.file_id != file_id:
            raise GrantForbidden(OTHER_FILE)
        return grant
