"""Reading and writing a dossier's progress and its buffered facts, inside the owner's transaction."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .facts import RANK, DossierFact
from .sequence import Progress
from .tables import DossierTables


def lock_progress(session: Session, tables: DossierTables, fact: DossierFact, now: datetime) -> Progress:
    """The dossier's progress, its row created if new and locked until the transaction ends.

    Every handler of one dossier's facts takes this lock first, so they apply
    one after the other, whatever the number of workers and service copies.
    """
    table = tables.progress
    dialect = session.get_bind().dialect.name
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert_(table).values(
        dossier_code=fact.dossier_code, artefact_kind=fact.artefact_kind, artefact_id=fact.artefact_id,
        applied_version=0, awaiting_completion=False, completed=False, updated_at=now,
    ).on_conflict_do_nothing(index_elements=["dossier_code"]))
    row = session.execute(select(table).where(table.c.dossier_code == fact.dossier_code).with_for_update()).one()
    return Progress(applied_version=row.applied_version, awaiting_completion=bool(row.awaiting_completion),
                    completed=bool(row.completed))


def save_progress(session: Session, tables: DossierTables, dossier_code: str, progress: Progress,
                  now: datetime, waiting: bool) -> None:
    table = tables.progress
    current = session.execute(select(table.c.waiting_since).where(table.c.dossier_code == dossier_code)).scalar()
    session.execute(update(table).where(table.c.dossier_code == dossier_code).values(
        applied_version=progress.applied_version, awaiting_completion=progress.awaiting_completion,
        completed=progress.completed, updated_at=now, waiting_since=(current or now) if waiting else None,
    ))


def buffer(session: Session, tables: DossierTables, fact: DossierFact, now: datetime) -> None:
    session.execute(insert(tables.facts).values(
        dossier_code=fact.dossier_code, event_id=fact.event_id, version=fact.version, rank=RANK[fact.kind],
        fact=fact.to_record(), received_at=now, applied_at=None,
    ))


def pending(session: Session, tables: DossierTables, dossier_code: str) -> list[DossierFact]:
    table = tables.facts
    rows = session.execute(select(table.c.fact).where(table.c.dossier_code == dossier_code,
                                                      table.c.applied_at.is_(None))
                           .order_by(table.c.version, table.c.rank)).scalars()
    return [DossierFact.from_record(record) for record in rows]


def mark_applied(session: Session, tables: DossierTables, facts: list[DossierFact], now: datetime) -> None:
    table = tables.facts
    for fact in facts:
        session.execute(update(table).where(and_(table.c.dossier_code == fact.dossier_code,
                                                 table.c.event_id == fact.event_id)).values(applied_at=now))


def waiting(session: Session, tables: DossierTables, since: datetime) -> list[tuple[str, int]]:
    """(dossier code, applied version) of dossiers whose early facts have waited since before ``since``."""
    table = tables.progress
    return [tuple(row) for row in session.execute(
        select(table.c.dossier_code, table.c.applied_version)
        .where(table.c.waiting_since.is_not(None), table.c.waiting_since < since)
        .order_by(table.c.waiting_since)).all()]
