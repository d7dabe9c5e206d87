"""The programme as the RPC answers it."""
from __future__ import annotations

from eiso_contracts.rpc.audit import (PROGRAMME_STATUSES, PROGRESS_STATES, ProgrammeEntry, ProgrammeRevisionView,
                                      ProgrammeView, ProgressCell)

from .aggregate import Programme, Revision
from .progress import DONE


def revision_view(revision: Revision | None) -> ProgrammeRevisionView | None:
    if revision is None:
        return None
    return ProgrammeRevisionView(
        revision=revision.number, status=revision.status, status_label=PROGRAMME_STATUSES[revision.status],
        entries=[ProgrammeEntry(month=m, department_id=d) for m, d in revision.entries], note=revision.note,
        drafted_by=revision.drafted_by, drafted_at=revision.drafted_at, approved_by=revision.approved_by,
        approved_at=revision.approved_at)


def programme_view(programme: Programme, cells: list[tuple[int, str, str, str | None]]) -> ProgrammeView:
    return ProgrammeView(
        id=programme.id, unit_code=programme.unit_code, year=programme.year,
        approved=revision_view(programme.approved), pending=revision_view(programme.pending),
        progress=[ProgressCell(month=m, department_id=d, state=s, state_label=PROGRESS_STATES[s], plan_id=p)
                  for m, d, s, p in cells],
        planned=len(cells), done=sum(1 for *_, s, _p in cells if s == DONE))
