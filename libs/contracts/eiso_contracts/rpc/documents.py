"""RPC models of the documents service (files slice)."""
from __future__ import annotations

from datetime import datetime

from ..dossier import Id
from .common import Model


class FileView(Model):
    id: Id
    unit_code: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: Id
    uploaded_at: datetime
