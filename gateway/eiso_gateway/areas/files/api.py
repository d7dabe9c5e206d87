"""Tập tin over the API: upload (streamed to the documents service), download, metadata."""
from __future__ import annotations

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.documents import FileView
from flask import request

from ...api import route
from ...api.body import answer
from ...flow.uploads import upload
from ...identity import current_user
from ...resources import services
from .routes import file_response


@route("POST", "/files", tag="files", request="multipart", response=FileView, status=201, throttled=True)
def upload_file():
    """Upload one file (multipart field ``file``); it is streamed to the documents service."""
    item = request.files.get("file")
    if item is None or not item.filename:
        raise InvalidInput("Thiếu tập tin (trường multipart 'file').")
    return answer(upload([item], current_user())[0], 201)


@route("GET", "/files/{file_id}", tag="files", response="binary")
def download_file(file_id: str):
    """Download a file of the person's unit (streamed)."""
    return file_response(file_id, current_user())


@route("GET", "/files/{file_id}/meta", tag="files", response=FileView)
def file_meta(file_id: str):
    """A file's name, type, size and SHA-256."""
    return answer(services().documents.get_file(file_id, current_user().actor))
