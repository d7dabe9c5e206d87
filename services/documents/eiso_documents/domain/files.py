"""Identity of a stored file: its id and where its bytes live in the storage."""
from __future__ import annotations

import uuid
from datetime import datetime


def new_file_id() -> str:
    return uuid.uuid4().hex


def storage_key(file_id: str, uploaded_at: datetime) -> str:
    """``files/2026/11/<id>``: by month, so a folder never grows past what one month brings."""
    return f"files/{uploaded_at:%Y}/{uploaded_at:%m}/{file_id}"
