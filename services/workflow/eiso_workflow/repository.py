"""Load and save Dossier aggregates through a session.

Saving is optimistic: ``UPDATE wf_dossiers ... WHERE id = :id AND version =
:expected`` runs first, so of two transactions that loaded the same version
only one changes the row; the other finds no row (on PostgreSQL it waits for
the winner's commit, then re-checks) and gets ``AlreadyProcessed`` before it
wrote anything else.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from eiso_contracts.dossier import ArtefactRef, Assignment
from eiso_contracts.errors import AlreadyProcessed
from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from . import stored
from .domain.definition import DossierType
from .domain.dossier import STALE, Dossier, Draft, HistoryRecord, StepVisit
from .models import counters, dossiers, history, participants, steps

_TYPES: dict[str, DossierType] = {}


# -- numbers -------------------------------------------------------------------
def next_number(session: Session, unit_code: str, type_code: str, year: int) -> int:
    """The next dossier number of (unit, type, year), in the caller's transaction.

    One upsert on one counter row: concurrent openings queue on the row lock
    and each gets its own number; a rolled-back opening gives its number back.
    """
    key = dict(unit_code=unit_code, type_code=type_code, year=year)
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (insert_(counters).values(**key, last_number=1)
                     .on_conflict_do_update(index_elements=list(key),
                                            set_={"last_number": counters.c.last_number + 1})
                     .returning(counters.c.last_number))
        return session.execute(statement).scalar_one()
    where = and_(*(counters.c[name] == value for name, value in key.items()))
    if session.execute(update(counters).where(where).values(last_number=counters.c.last_number + 1)).rowcount:
        return session.execute(select(counters.c.last_number).where(where)).scalar_one()
    session.execute(insert(counters).values(**key, last_number=1))
    return 1


# -- writing -------------------------------------------------------------------
def insert_dossier(session: Session, dossier: Dossier) -> None:
    session.execute(insert(dossiers).values(
        id=dossier.id, code=dossier.code, type_code=dossier.type.code, unit_code=dossier.unit_code,
        year=dossier.year, number=dossier.number,
        definition=stored.wrap("definition", dossier.type.model_dump(mode="json")),
        artefact_service=dossier.artefact.service, artefact_kind=dossier.artefact.kind,
        artefact_id=dossier.artefact.id, title=dossier.artefact.title, opened_by=dossier.opened_by,
        opened_at=dossier.opened_at, **_state(dossier),
    ))
    _write_children(session, dossier)


def save_dossier(session: Session, dossier: Dossier, expected_version: int) -> None:
    """Write the changes of an action; ``AlreadyProcessed`` if someone saved ``expected_version`` first."""
    changed = session.execute(
        update(dossiers).where(dossiers.c.id == dossier.id, dossiers.c.version == expected_version)
        .values(**_state(dossier))
    ).rowcount
    if changed != 1:
        raise AlreadyProcessed(STALE)
    _write_children(session, dossier)


def lock(session: Session, dossier_id: str) -> bool:
    """Take the dossier's row lock (PostgreSQL; SQLite serialises writers anyway), as an action's UPDATE does.

    The overdue scan takes it first so its audit entry never races an action's
    entry for the same version of the dossier's audit chain.
    """
    return session.execute(select(dossiers.c.id).where(dossiers.c.id == dossier_id).with_for_update()).first() \
        is not None


def flag_overdue(session: Session, dossier_id: str, seq: int, now: datetime) -> bool:
    """Mark a step visit as reported late; False if it was already (another copy won) or is done."""
    return session.execute(
        update(steps).where(steps.c.dossier_id == dossier_id, steps.c.seq == seq,
                            steps.c.overdue_at.is_(None), steps.c.done_at.is_(None))
        .values(overdue_at=now)
    ).rowcount == 1


def _state(dossier: Dossier) -> dict:
    visit = dossier.current
    return dict(
        status=dossier.status, version=dossier.version, last_activity_at=dossier.last_activity_at,
        closed_at=dossier.closed_at, draft=_draft_json(dossier.draft),
        current_seq=visit.seq if visit else None, current_step=visit.number if visit else None,
        current_handler_id=visit.handler_id if visit else None,
        current_department_id=visit.department_id if visit else None,
        current_deadline=visit.deadline if visit else None,
    )


def _write_children(session: Session, dossier: Dossier) -> None:
    """Insert new visits, history records and participants; complete visits that were just done.

    Visits change in place only when they are done; everything else is appended,
    one multi-row INSERT per table.
    """
    stored = dict(session.execute(select(steps.c.seq, steps.c.done_at)
                                  .where(steps.c.dossier_id == dossier.id)).all())
    new_visits = [dict(dossier_id=dossier.id, **_visit_row(v)) for v in dossier.visits if v.seq not in stored]
    for visit in dossier.visits:
        if visit.seq in stored and stored[visit.seq] is None and visit.done_at is not None:
            session.execute(update(steps).where(steps.c.dossier_id == dossier.id, steps.c.seq == visit.seq).values(
                done_at=visit.done_at, action=visit.action, comment=visit.comment,
                attachments=list(visit.attachments), actor_id=visit.actor_id))
    last = session.execute(select(func.max(history.c.seq)).where(history.c.dossier_id == dossier.id)).scalar() or 0
    new_records = [dict(dossier_id=dossier.id, **_history_row(r)) for r in dossier.history if r.seq > last]
    known = set(session.execute(select(participants.c.person_id, participants.c.kind)
                                .where(participants.c.dossier_id == dossier.id)).all())
    new_people = [dict(dossier_id=dossier.id, person_id=person_id, kind=kind)
                  for person_id, kind in sorted(dossier.participants() - known)]
    for table, rows in ((steps, new_visits), (history, new_records), (participants, new_people)):
        if rows:
            session.execute(insert(table), rows)


def _visit_row(visit: StepVisit) -> dict:
    return dict(seq=visit.seq, number=visit.number, key=visit.key, name=visit.name, handler_id=visit.handler_id,
                department_id=visit.department_id, deadline=visit.deadline, entered_at=visit.entered_at,
                done_at=visit.done_at, action=visit.action, comment=visit.comment,
                attachments=list(visit.attachments), actor_id=visit.actor_id, overdue_at=visit.overdue_at)


def _history_row(record: HistoryRecord) -> dict:
    return dict(seq=record.seq, at=record.at, actor_id=record.actor_id, step_number=record.step_number,
                step_name=record.step_name, action=record.action, comment=record.comment,
                attachments=list(record.attachments), content=record.content,
                next=stored.wrap("next", record.next.model_dump(mode="json") if record.next else None))


def _draft_json(draft: Draft | None) -> dict | None:
    if draft is None:
        return None
    return stored.wrap("draft", {"comment": draft.comment, "attachments": list(draft.attachments),
                                 "next": draft.next.model_dump(mode="json") if draft.next else None,
                                 "content": draft.content})


# -- reading -------------------------------------------------------------------
def load(session: Session, *, code: str | None = None, dossier_id: str | None = None,
         lock: bool = False) -> Dossier | None:
    """One dossier with its visits and history; ``lock`` (inside a transaction that will change it) takes
    the dossier's row lock FIRST, so its steps and history are read after any concurrent action has
    committed and none can commit until this transaction ends: one consistent state, and a stale action
    is always told "already processed" (409), never judged against a newer step."""
    column, value = (dossiers.c.code, code) if code is not None else (dossiers.c.id, dossier_id)
    query = select(dossiers).where(column == value)
    row = session.execute(query.with_for_update() if lock else query).first()
    return _assemble(session, [row])[0] if row else None


def load_many(session: Session, ids: list[str]) -> list[Dossier]:
    """Dossiers in the order of ``ids`` (three queries whatever the count)."""
    if not ids:
        return []
    rows = session.execute(select(dossiers).where(dossiers.c.id.in_(ids))).all()
    by_id = {dossier.id: dossier for dossier in _assemble(session, rows)}
    return [by_id[i] for i in ids if i in by_id]


def latest_for_artefact(session: Session, service: str, kind: str, artefact_id: str,
                        unit_code: str | None = None) -> Dossier | None:
    query = (select(dossiers.c.id).where(dossiers.c.artefact_service == service, dossiers.c.artefact_kind == kind,
                                         dossiers.c.artefact_id == artefact_id)
             .order_by(dossiers.c.opened_at.desc(), dossiers.c.id.desc()).limit(1))
    if unit_code is not None:
        query = query.where(dossiers.c.unit_code == unit_code)
    dossier_id = session.execute(query).scalar()
    return load(session, dossier_id=dossier_id) if dossier_id else None


def open_for_artefact(session: Session, artefact: ArtefactRef) -> str | None:
    """The code of the artefact's open dossier, if it has one."""
    return session.execute(
        select(dossiers.c.code).where(dossiers.c.artefact_service == artefact.service,
                                      dossiers.c.artefact_kind == artefact.kind,
                                      dossiers.c.artefact_id == artefact.id, dossiers.c.status == "open")
    ).scalar()


def overdue_candidates(session: Session, today: date, limit: int = 200) -> list[tuple[str, int]]:
    """(dossier id, current visit seq) of open dossiers past their deadline and not yet reported."""
    return [tuple(row) for row in session.execute(
        select(dossiers.c.id, dossiers.c.current_seq)
        .join(steps, and_(steps.c.dossier_id == dossiers.c.id, steps.c.seq == dossiers.c.current_seq))
        .where(dossiers.c.status == "open", dossiers.c.current_deadline < today, steps.c.overdue_at.is_(None))
        .order_by(dossiers.c.current_deadline, dossiers.c.id).limit(limit)
    ).all()]


def _dossier_type(document: dict) -> DossierType:
    data = stored.unwrap("definition", document)
    key = json.dumps(data, sort_keys=True)
    found = _TYPES.get(key)
    if found is None:
        found = _TYPES[key] = DossierType.model_validate(data)
    return found


def _assemble(session: Session, rows: Iterable) -> list[Dossier]:
    rows = list(rows)
    ids = [row.id for row in rows]
    visits: dict[str, list[StepVisit]] = {i: [] for i in ids}
    for row in session.execute(select(steps).where(steps.c.dossier_id.in_(ids))
                               .order_by(steps.c.dossier_id, steps.c.seq)).all():
        visits[row.dossier_id].append(StepVisit(
            seq=row.seq, number=row.number, key=row.key, name=row.name, handler_id=row.handler_id,
            department_id=row.department_id, deadline=row.deadline, entered_at=row.entered_at,
            done_at=row.done_at, action=row.action, comment=row.comment, attachments=list(row.attachments or []),
            actor_id=row.actor_id, overdue_at=row.overdue_at))
    records: dict[str, list[HistoryRecord]] = {i: [] for i in ids}
    for row in session.execute(select(history).where(history.c.dossier_id.in_(ids))
                               .order_by(history.c.dossier_id, history.c.seq)).all():
        records[row.dossier_id].append(HistoryRecord(
            seq=row.seq, at=row.at, actor_id=row.actor_id, step_number=row.step_number, step_name=row.step_name,
            action=row.action, comment=row.comment, attachments=tuple(row.attachments or ()), content=row.content,
            next=_next(row.next)))
    return [
        Dossier(
            id=row.id, code=row.code, year=row.year, number=row.number, type=_dossier_type(row.definition),
            unit_code=row.unit_code,
            artefact=ArtefactRef(service=row.artefact_service, kind=row.artefact_kind, id=row.artefact_id,
                                 title=row.title),
            status=row.status, version=row.version, opened_by=row.opened_by, opened_at=row.opened_at,
            last_activity_at=row.last_activity_at, closed_at=row.closed_at, visits=visits[row.id],
            history=records[row.id], draft=_draft(row.draft),
        )
        for row in rows
    ]


def _next(document) -> Assignment | None:
    body = stored.unwrap("next", document)
    return Assignment.model_validate(body) if body else None


def _draft(document: dict | None) -> Draft | None:
    data = stored.unwrap("draft", document)
    if not data:
        return None
    return Draft(comment=data.get("comment", ""), attachments=tuple(data.get("attachments") or ()),
                 next=Assignment.model_validate(data["next"]) if data.get("next") else None,
                 content=data.get("content"))
