""""Tập tin" on a form that moves a dossier: the files chosen, streamed to the documents service, remembered.

Which attachment ids a form may carry is not the browser's to say: only the
files already attached (a saved draft) and the files this person uploaded on
this form. The latter travel in a signed hidden field, so a form re-rendered
after an error keeps its uploads without a second upload, and an id typed
into the request (another dossier's file, another unit's) is dropped.
"""
from __future__ import annotations

from collections.abc import Iterable

from eiso_contracts.rpc.documents import FileView
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import FileStorage

from ..i18n import translate as _
from ..identity import SESSION_SECONDS
from ..pages.forms import invalid
from ..resources import documents, services

MAX_ATTACHMENTS = 20
UPLOADED_FIELD = "uploaded"          # hidden field: the signed list of files uploaded on this form
UPLOADED_SALT = "eiso-uploaded-files"
MAX_REMEMBERED_UPLOADS = 100


def chosen_files(files) -> list[FileStorage]:
    """The non-empty files of the "Tập tin" input (an empty input still sends one blank part)."""
    return [f for f in files.getlist("files") if f and f.filename]


def check_count(kept: list[str], new_files: list[FileStorage]) -> None:
    if len(kept) + len(new_files) > MAX_ATTACHMENTS:
        raise invalid("files", _("Mỗi lần xử lý đính kèm tối đa {n} tập tin.", n=MAX_ATTACHMENTS))


def upload(new_files: list[FileStorage], user, checked: bool = False) -> list[FileView]:
    """Stream each file to the documents service; returns their ``FileView`` in order.

    ``checked``: the documents service reads what each file is (refusing HTML, SVG, a wrong extension, a
    name with a path) and indexes its text: the files of controlled documents and records.
    """
    grant = services().documents.grant_checked_upload if checked else services().documents.grant_upload
    return [documents().upload(item.stream, item.filename, item.mimetype, grant(user.actor)) for item in new_files]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=UPLOADED_SALT)


def uploaded_ticket(scope: str, ids: Iterable[str]) -> str:
    """The signed note of ``ids`` uploaded by this form (``scope``: the person and the form); "" for none."""
    ids = list(dict.fromkeys(ids))[-MAX_REMEMBERED_UPLOADS:]
    return _serializer().dumps({"scope": scope, "ids": ids}) if ids else ""


def uploaded_ids(ticket: str | None, scope: str) -> list[str]:
    """The ids of a ticket made for ``scope``; nothing for a missing, forged, expired or foreign ticket."""
    if not ticket:
        return []
    try:
        data = _serializer().loads(ticket, max_age=SESSION_SECONDS)
    except BadSignature:  # SignatureExpired is one too
        return []
    if not isinstance(data, dict) or data.get("scope") != scope or not isinstance(data.get("ids"), list):
        return []
    return [i for i in data["ids"] if isinstance(i, str) and i]


def only_allowed(kept: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """``kept`` (de-duplicated, in order) without any id outside ``allowed``."""
    allowed = set(allowed)
    return [i for i in dict.fromkeys(kept) if i in allowed]
