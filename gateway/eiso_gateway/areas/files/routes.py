"""Tập tin: downloads, streamed from the documents service to the browser.

``view``: a file the documents service read as a PDF is shown inline (only that; see below).

The documents service grants a download only for a file of the person's unit
(``documents_http``), before a single byte is sent. The bytes are relayed chunk by chunk (``stream_with_context``) and always as an
attachment with a sandboxing CSP, so an uploaded HTML or SVG file can never
run as a page of this site.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Blueprint, Response, stream_with_context

from ...identity import current_user, login_required
from ...resources import documents, services

bp = Blueprint("files", __name__, url_prefix="/files")


def content_disposition(name: str) -> str:
    """Always an attachment; an ASCII fallback without diacritics ("Tờ trình" -> "To trinh") plus the UTF-8 name."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(ch for ch in plain.encode("ascii", "ignore").decode()
                         if " " <= ch < "\x7f" and ch not in '"\\') or "tap-tin"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(file_id: str, user) -> Response:
    """The download of ``file_id`` for ``user`` (pages and API)."""
    grant = services().documents.grant_download(user.actor, file_id)
    return _relay(file_id, grant, inline_pdf=False)


def _relay(file_id: str, grant, inline_pdf: bool) -> Response:
    """The file's bytes streamed from the documents service: an attachment, or a PDF shown in the browser."""
    meta, chunks, upstream, upstream_response = documents().download(file_id, grant)

    def relay():
        try:
            yield from chunks
        finally:
            upstream_response.close()

    disposition = content_disposition(meta.name)
    if inline_pdf:
        response = Response(stream_with_context(relay()), mimetype="application/pdf")
        response.headers["Content-Disposition"] = disposition.replace("attachment;", "inline;", 1)
        # The browser's PDF viewer embeds this very response; nothing else may load or run.
        response.headers["Content-Security-Policy"] = "default-src 'none'; object-src 'self'; frame-ancestors 'none'"
    else:
        response = Response(stream_with_context(relay()), mimetype=meta.content_type or "application/octet-stream")
        response.headers["Content-Disposition"] = disposition
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if upstream.get("Content-Length") and not upstream.get("Content-Encoding"):
        response.headers["Content-Length"] = upstream["Content-Length"]
    response.headers["Cache-Control"] = "private, no-store"
    response.call_on_close(upstream_response.close)
    return response


@bp.get("/<file_id>")
@login_required
def download(file_id: str):
    return file_response(file_id, current_user())


@bp.get("/<file_id>/view")
@login_required
def view(file_id: str):
    """A PDF (as the documents service read it from its bytes) is shown in the browser; any other file downloads."""
    grant = services().documents.grant_download(current_user().actor, file_id)
    return _relay(file_id, grant, inline_pdf=grant.file is not None and grant.file.verified_type == "pdf")
