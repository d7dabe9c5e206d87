"""A record's search entry: its number, title, and the text of its files (none once destroyed)."""
from __future__ import annotations

from eiso_contracts.rpc.documents import RECORD_STATES
from sqlalchemy.orm import Session

from .. import repository as files
from ..search import index
from .aggregate import Record


def refresh(session: Session, record: Record) -> None:
    index.put(session, kind="record", ref_id=record.id, unit_code=record.unit_code, number=record.number,
              title=record.title, state_label=RECORD_STATES[record.state],
              bodies=files.texts(session, record.files) if record.state != "destroyed" else [])
