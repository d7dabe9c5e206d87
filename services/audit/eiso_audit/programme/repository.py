"""Load and store programmes (the programme row and its revision rows)."""
from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..models import programme_revisions, programmes
from .aggregate import Programme, Revision


def get(session: Session, unit_code: str, year: int, lock: bool = False) -> Programme | None:
    query = select(programmes).where(programmes.c.unit_code == unit_code, programmes.c.year == year)
    row = session.execute(query.with_for_update() if lock else query).first()
    if row is None:
        return None
    revisions = [Revision(number=r.revision, status=r.status, entries=tuple((m, d) for m, d in r.entries),
                          note=r.note, drafted_by=r.drafted_by, drafted_at=r.drafted_at, approved_by=r.approved_by,
                          approved_at=r.approved_at)
                 for r in session.execute(select(programme_revisions)
                                          .where(programme_revisions.c.programme_id == row.id)
                                          .order_by(programme_revisions.c.revision))]
    return Programme(id=row.id, unit_code=row.unit_code, year=row.year, revisions=revisions)


def save(session: Session, programme: Programme, new: bool) -> None:
    """Write the programme and all its revisions (a handful of rows)."""
    if new:
        session.execute(insert(programmes).values(id=programme.id, unit_code=programme.unit_code,
                                                  year=programme.year))
    session.execute(delete(programme_revisions).where(programme_revisions.c.programme_id == programme.id))
    session.execute(insert(programme_revisions), [{
        "programme_id": programme.id, "revision": r.number, "status": r.status,
        "entries": [list(cell) for cell in r.entries], "note": r.note, "drafted_by": r.drafted_by,
        "drafted_at": r.drafted_at, "approved_by": r.approved_by, "approved_at": r.approved_at,
    } for r in programme.revisions])
