"""Load and store analyses through a session; the module is the analysis repository of the dossier kit."""
from __future__ import annotations

from eiso_contracts.content import ContextAnalysisContent
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import context_analyses as table
from .aggregate import APPLIED, Analysis

_MUTABLE = ("status", "content", "dossier_code", "dossier_version", "decided_by", "decided_at", "decision_comment",
            "applied_by", "applied_at")


def _values(analysis: Analysis) -> dict:
    values = {name: getattr(analysis, name) for name in _MUTABLE}
    values["content"] = analysis.content.model_dump(mode="json")
    return values


def add(session: Session, analysis: Analysis) -> None:
    session.execute(insert(table).values(id=analysis.id, unit_code=analysis.unit_code, year=analysis.year,
                                         submitted_by=analysis.submitted_by, submitted_at=analysis.submitted_at,
                                         **_values(analysis)))


def save(session: Session, analysis: Analysis) -> None:
    session.execute(update(table).where(table.c.id == analysis.id).values(**_values(analysis)))


def get(session: Session, analysis_id: str, lock: bool = False) -> Analysis | None:
    """The analysis, or None; ``lock`` holds its row until the transaction ends (PostgreSQL)."""
    return _one(session, select(table).where(table.c.id == analysis_id), lock)


def applied(session: Session, unit_code: str, lock: bool = False) -> Analysis | None:
    return _one(session, select(table).where(table.c.unit_code == unit_code, table.c.status == APPLIED), lock)


def of_unit(session: Session, unit_code: str, year: int | None = None) -> list[Analysis]:
    """The unit's analyses (of one year), newest year first, then newest submission first."""
    query = select(table).where(table.c.unit_code == unit_code)
    if year is not None:
        query = query.where(table.c.year == year)
    rows = session.execute(query.order_by(table.c.year.desc(), table.c.submitted_at.desc(), table.c.id)).all()
    return [_analysis(row) for row in rows]


def _one(session: Session, query, lock: bool) -> Analysis | None:
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _analysis(row) if row is not None else None


def _analysis(row) -> Analysis:
    return Analysis(
        id=row.id, unit_code=row.unit_code, year=row.year, content=ContextAnalysisContent.model_validate(row.content),
        status=row.status, submitted_by=row.submitted_by, submitted_at=row.submitted_at,
        dossier_code=row.dossier_code, dossier_version=row.dossier_version, decided_by=row.decided_by,
        decided_at=row.decided_at, decision_comment=row.decision_comment or "", applied_by=row.applied_by,
        applied_at=row.applied_at,
    )
