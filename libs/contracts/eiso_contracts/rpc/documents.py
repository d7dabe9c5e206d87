"""RPC models of the documents service (files slice), and the headers of its internal file endpoint.

Bytes never travel over AMQP: the gateway streams them to and from the documents service's HTTP
endpoint (``POST /files``, ``GET /files/<id>``; see services/documents/README.md) and asks for
metadata by RPC (``get_file``, ``get_files``).
"""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from ..dossier import Id
from .common import Actor, Model

# Headers of ``POST /files`` (set by the gateway from the authenticated session) and of the download.
HEADER_UNIT = "X-Eiso-Unit"              # unit code the file belongs to
HEADER_UPLOADER = "X-Eiso-Uploader"      # person id of the uploader
HEADER_FILENAME = "X-Eiso-Filename"      # the file name, percent-encoded UTF-8
HEADER_SHA256 = "X-Eiso-Sha256"          # hex SHA-256 of the bytes (download answer)
# Every request to the file endpoint carries a grant the documents service signed (``grant_upload``,
# ``grant_download``): for one person, one unit, one file or one upload, valid for ``GRANT_SECONDS``.
HEADER_GRANT = "X-Eiso-Grant"
GRANT_SECONDS = 120

FileId = Annotated[Id, Field(min_length=1, max_length=64)]


class FileView(Model):
    id: Id
    unit_code: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: Id
    uploaded_at: datetime


class GetFile(Model):
    """Arguments of ``get_file(file_id, actor)``: only a file of the actor's unit is found."""

    file_id: FileId
    actor: Actor


class GetFiles(Model):
    """Arguments of ``get_files(file_ids, actor=None)``: unknown ids are left out of the answer, and with an
    actor (a person's page) so are other units' files; without one it is a service's lookup."""

    file_ids: list[FileId] = Field(default_factory=list, max_length=200)
    actor: Actor | None = None


class GrantDownload(Model):
    """Argument of ``grant_download(cmd)``: may ``actor`` read this file (one of their unit's)?"""

    actor: Actor
    file_id: FileId


class GrantUpload(Model):
    """Argument of ``grant_upload(cmd)``: ``actor`` uploads one file for their unit (quota permitting)."""

    actor: Actor


class FileGrant(Model):
    """A signed, short-lived grant for the file endpoint (header ``X-Eiso-Grant``); ``file`` for a download."""

    grant: str
    expires_at: datetime
    file: FileView | None = None
