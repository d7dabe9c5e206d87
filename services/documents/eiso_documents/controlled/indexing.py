"""A document's search entry: its STTNB, its title and the text of the files of the version its row shows."""
from __future__ import annotations

from eiso_contracts.rpc.documents import REGISTER_STATES
from sqlalchemy.orm import Session

from .. import repository as files
from ..search import index
from . import repository
from .aggregate import register_state


def refresh(session: Session, document_id: str) -> None:
    document = repository.get_document_any_unit(session, document_id)
    if document is None:
        return
    versions = repository.versions_of(session, [document_id])[document_id]
    if not versions:
        return
    in_force = next((v for v in versions if v.number == document.in_force_version), None)
    state, shown = register_state(versions[-1], in_force)
    index.put(session, kind="document", ref_id=document.id, unit_code=document.unit_code,
              number=document.internal_number, title=shown.content.title, state_label=REGISTER_STATES[state],
              bodies=files.texts(session, shown.files))
