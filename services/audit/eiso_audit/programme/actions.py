"""Reading, drafting and approving the year's programme (the service's entrypoints call these)."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, NotFound
from eiso_contracts.events.audit import ProgrammeApproved, ProgrammeDrafted
from eiso_contracts.rpc.audit import ApproveProgramme, DraftProgramme, ProgrammeEntry, ProgrammeQuery, ProgrammeView
from sqlalchemy.exc import IntegrityError

from eiso_kit.clock import utcnow

from ..directory import Directory
from ..plan import repository as plans
from . import repository
from .aggregate import Programme, may_approve, may_draft
from .progress import progress
from .views import programme_view


def _subject(programme: Programme) -> str:
    return f"programme/{programme.id}"


def get(db, query: ProgrammeQuery) -> ProgrammeView | None:
    """The actor's unit's programme of the year with its progress, or None when none was drafted."""
    with db.read() as session:
        programme = repository.get(session, query.actor.unit_code, query.year)
        if programme is None:
            return None
        cells = progress(programme.approved, query.year, plans.of_unit(session, query.actor.unit_code, query.year))
    return programme_view(programme, cells)


def draft(db, directory: Directory, cmd: DraftProgramme) -> ProgrammeView:
    may_draft(cmd.actor)
    unit = cmd.actor.unit_code
    directory.check_departments(unit, [entry.department_id for entry in cmd.entries])
    now = utcnow()
    try:
        with db.transaction() as tx:
            programme = repository.get(tx.session, unit, cmd.year, lock=True)
            new = programme is None
            if new:
                programme = Programme(id=uuid.uuid4().hex, unit_code=unit, year=cmd.year)
            before = None if new else programme.snapshot()
            revision = programme.draft([(e.month, e.department_id) for e in cmd.entries], cmd.note, cmd.actor.id,
                                       now)
            repository.save(tx.session, programme, new)
            tx.emit(ProgrammeDrafted(programme_id=programme.id, unit_code=unit, year=cmd.year,
                                     revision=revision.number, drafted_by=cmd.actor.id,
                                     entries=[ProgrammeEntry(month=m, department_id=d) for m, d in revision.entries]),
                    subject=_subject(programme))
            tx.audit("programme", programme.id, "drafted", cmd.actor.id, before=before, after=programme.snapshot())
    except IntegrityError:  # two secretaries created the year's programme at the same moment
        raise Conflict("Chương trình đánh giá vừa được người khác lưu. Vui lòng tải lại trang và thử lại.") from None
    return get(db, ProgrammeQuery(actor=cmd.actor, year=cmd.year))


def approve(db, cmd: ApproveProgramme) -> ProgrammeView:
    may_approve(cmd.actor)
    unit = cmd.actor.unit_code
    with db.transaction() as tx:
        programme = repository.get(tx.session, unit, cmd.year, lock=True)
        if programme is None:
            raise NotFound(f"Chưa có chương trình đánh giá năm {cmd.year}.")
        before = programme.snapshot()
        approved, replaced = programme.approve(cmd.revision, cmd.actor.id, utcnow())
        repository.save(tx.session, programme, new=False)
        tx.emit(ProgrammeApproved(programme_id=programme.id, unit_code=unit, year=cmd.year, revision=approved.number,
                                  approved_by=cmd.actor.id, replaces_revision=replaced.number if replaced else None,
                                  entries=[ProgrammeEntry(month=m, department_id=d) for m, d in approved.entries]),
                subject=_subject(programme))
        tx.audit("programme", programme.id, "approved", cmd.actor.id, before=before, after=programme.snapshot())
    return get(db, ProgrammeQuery(actor=cmd.actor, year=cmd.year))
