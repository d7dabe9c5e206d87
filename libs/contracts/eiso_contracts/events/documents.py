"""Facts the documents service publishes about stored files."""
from __future__ import annotations

from pydantic import Field

from ..dossier import Id
from .base import EventData


class FileStored(EventData):
    event_type = "documents.file.stored.v1"
    summary = "A file was stored; its bytes stay in object storage, the event carries its identity."
    file_id: Id
    unit_code: str
    name: str
    content_type: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    uploaded_by: Id
