"""Pieces shared by the forms that move a dossier ("Xử lý" and "Lập chính sách chất lượng").

"Bước xử lý tiếp theo" (Chọn phòng ban, Chọn người xử lý, Hạn cuối xử lý) and
"Tập tin" behave the same on both forms, so they are read and checked here.
Checks raise ``InvalidInput`` with a sentence for the person; the caller
re-renders the form with everything they typed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.context import PersonView
from eiso_contracts.rpc.documents import FileView
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import FileStorage

from .app import gateway
from .formatting import fmt_date, parse_date, today
from .identity import SESSION_SECONDS

MAX_ATTACHMENTS = 20
UPLOADED_FIELD = "uploaded"          # hidden field: the signed list of files uploaded on this form
UPLOADED_SALT = "eiso-uploaded-files"
MAX_REMEMBERED_UPLOADS = 100


@dataclass
class NextStepInput:
    """The raw "Bước xử lý tiếp theo" fields, kept as typed for a re-render."""

    department_id: str = ""
    handler_id: str = ""
    deadline: str = ""

    @classmethod
    def from_form(cls, form, prefix: str = "next") -> "NextStepInput":
        return cls(department_id=form.get(f"{prefix}_department_id", "").strip(),
                   handler_id=form.get(f"{prefix}_handler_id", "").strip(),
                   deadline=form.get(f"{prefix}_deadline", "").strip())

    @property
    def deadline_value(self) -> str:
        """What the deadline field shows: dd/mm/yyyy when we can read it, else exactly what was typed.

        A text field, not ``type=date``: a browser draws a date input in its own
        locale (mm/dd/yyyy on an English Windows), the manual's users read dd/mm/yyyy.
        """
        parsed = parse_date(self.deadline)
        return fmt_date(parsed) if parsed else self.deadline

    @property
    def empty(self) -> bool:
        return not self.handler_id

    def assignment(self, candidates: list[PersonView], required: bool, *,
                   missing: str = "Vui lòng chọn người xử lý bước tiếp theo.",
                   not_candidate: str = "Người xử lý được chọn không thể xử lý bước tiếp theo.") -> dict | None:
        """The ``Assignment`` JSON, or None when nothing was chosen and nothing is required."""
        if not self.handler_id:
            if required:
                raise InvalidInput(missing)
            return None
        person = next((p for p in candidates if p.id == self.handler_id), None)
        if person is None:
            raise InvalidInput(not_candidate)
        department_id = self.department_id or person.department_id
        if not department_id:
            raise InvalidInput("Vui lòng chọn phòng ban xử lý bước tiếp theo.")
        if self.department_id and person.department_id and self.department_id != person.department_id:
            raise InvalidInput("Người xử lý không thuộc phòng ban đã chọn.")
        deadline = parse_date(self.deadline)
        if deadline is None:
            raise InvalidInput("Vui lòng nhập Hạn cuối xử lý (dd/mm/yyyy).")
        if deadline < today():
            raise InvalidInput("Hạn cuối xử lý không được trước ngày hôm nay.")
        return {"department_id": department_id, "handler_id": person.id, "deadline": deadline.isoformat()}


def chosen_files(files) -> list[FileStorage]:
    """The non-empty files of the "Tập tin" input (an empty input still sends one blank part)."""
    return [f for f in files.getlist("files") if f and f.filename]


def check_count(kept: list[str], new_files: list[FileStorage]) -> None:
    if len(kept) + len(new_files) > MAX_ATTACHMENTS:
        raise InvalidInput(f"Mỗi lần xử lý đính kèm tối đa {MAX_ATTACHMENTS} tập tin.")


def upload(new_files: list[FileStorage], user) -> list[FileView]:
    """Stream each file to the documents service; returns their ``FileView`` in order."""
    stored = []
    for item in new_files:
        stored.append(gateway().documents.upload(item.stream, item.filename, item.mimetype, user.actor))
    return stored


# -- files uploaded on an earlier try of the same form ------------------------------------------
# Which attachment ids a form may carry is not the browser's to say: only the files already attached
# (a saved draft) and the files this person uploaded on this form. The latter travel in a signed hidden
# field, so a form re-rendered after an error keeps its uploads without a second upload, and an id typed
# into the request (another dossier's file, another unit's) is dropped.
def _uploads_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=UPLOADED_SALT)


def uploaded_ticket(scope: str, ids: Iterable[str]) -> str:
    """The signed note of ``ids`` uploaded by this form (``scope``: the person and the form); "" for none."""
    ids = list(dict.fromkeys(ids))[-MAX_REMEMBERED_UPLOADS:]
    return _uploads_serializer().dumps({"scope": scope, "ids": ids}) if ids else ""


def uploaded_ids(ticket: str | None, scope: str) -> list[str]:
    """The ids of a ticket made for ``scope``; nothing for a missing, forged, expired or foreign ticket."""
    if not ticket:
        return []
    try:
        data = _uploads_serializer().loads(ticket, max_age=SESSION_SECONDS)
    except BadSignature:  # SignatureExpired is one too
        return []
    if not isinstance(data, dict) or data.get("scope") != scope or not isinstance(data.get("ids"), list):
        return []
    return [i for i in data["ids"] if isinstance(i, str) and i]


def only_allowed(kept: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """``kept`` (de-duplicated, in order) without any id outside ``allowed``."""
    allowed = set(allowed)
    return [i for i in dict.fromkeys(kept) if i in allowed]
