"""Writing the search entries: one per document and per record, rewritten in the transaction that changes it."""
from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from eiso_kit.clock import utcnow

from ..models import search_entries
from .prepare import indexed_text, with_pairs


def put(session: Session, *, kind: str, ref_id: str, unit_code: str, number: str, title: str, state_label: str,
        bodies: list[str]) -> None:
    values = dict(unit_code=unit_code, number=number[:60], title=title[:300], state_label=state_label[:60],
                  text=indexed_text(number, title, bodies), heading=f"{with_pairs(number)} {with_pairs(title)}".strip(),
                  updated_at=utcnow())
    found = session.execute(select(search_entries.c.id).where(search_entries.c.kind == kind,
                                                              search_entries.c.ref_id == ref_id)).scalar()
    if found is None:
        session.execute(insert(search_entries).values(kind=kind, ref_id=ref_id, **values))
    else:
        session.execute(update(search_entries).where(search_entries.c.id == found).values(**values))
