"""Raising nonconformities, opening them from audit findings, reading them, flagging overdue actions."""
from __future__ import annotations

import logging
import uuid

from eiso_contracts.errors import NotFound
from eiso_contracts.events.audit import FindingRecorded
from eiso_contracts.events.quality_nonconformity import CorrectiveActionOverdue
from eiso_contracts.rpc.quality_nonconformity import (NonconformitiesQuery, NonconformityRef, NonconformityView,
                                                      RaiseNonconformity)

from eiso_kit.clock import local_today, utcnow
from eiso_kit.dossiers import submit

from ..lookups import Lookups
from ..models import requests
from . import opening, repository
from .aggregate import CLOSED
from .dossier import NONCONFORMITY
from .views import nonconformity_view

log = logging.getLogger(__name__)
NOT_FOUND = "Không tìm thấy điểm không phù hợp."


def raise_(db, lookups: Lookups, tz: str, cmd: RaiseNonconformity) -> NonconformityView:
    """"Báo cáo điểm không phù hợp" by anyone of the unit; its dossier goes to the department's head."""
    unit = cmd.actor.unit_code
    lookups.check_department(unit, cmd.department_id)
    today = local_today(tz)
    route = opening.responsible(lookups, unit, cmd.department_id, today)

    def draft():
        nc = opening.raised(uuid.uuid4().hex, cmd, utcnow())
        return nc, opening.opened(nc, route, cmd.actor.department_id)

    nc = submit(db, requests, NONCONFORMITY, cmd, command="quality.raise_nonconformity", key=cmd.request_id,
                draft=draft, check_route=lambda request: None)   # the route is the directory's own answer
    return nonconformity_view(nc, today)


def from_finding(db, lookups: Lookups, tz: str, received) -> None:
    """An audit's nonconformity finding opens a corrective action (once per finding); other findings are not ours."""
    finding: FindingRecorded = received.data
    if finding.kind != "nonconformity":
        return
    route = opening.responsible(lookups, finding.unit_code, finding.department_id, local_today(tz))
    with db.transaction(handling=received) as tx:
        if tx.duplicate or repository.of_finding(tx.session, finding.finding_id) is not None:
            return
        nc = opening.from_finding(uuid.uuid4().hex, finding, utcnow())
        repository.add(tx.session, nc)
        tx.emit(opening.opened(nc, route, None), subject=NONCONFORMITY.subject(nc.id))
        tx.audit(NONCONFORMITY.kind, nc.id, "opened", finding.recorded_by, before=None, after=nc.snapshot())


def one(db, tz: str, ref: NonconformityRef) -> NonconformityView:
    with db.read() as session:
        nc = repository.get(session, ref.nonconformity_id)
    if nc is None or nc.unit_code != ref.actor.unit_code:
        raise NotFound(NOT_FOUND)
    return nonconformity_view(nc, local_today(tz))


def of_unit(db, tz: str, query: NonconformitiesQuery) -> list[NonconformityView]:
    with db.read() as session:
        found = repository.of_unit(session, query.actor.unit_code)
    today = local_today(tz)
    return [nonconformity_view(nc, today) for nc in found if not (query.open_only and nc.status == CLOSED)]


def flag_overdue(db, tz: str) -> int:
    """Announce once per due date each corrective action that passed it; returns how many."""
    today = local_today(tz)
    with db.read() as session:
        candidates = repository.overdue_candidates(session)
    flagged = 0
    for nc_id in candidates:
        with db.transaction() as tx:
            nc = repository.get(tx.session, nc_id, lock=True)
            if nc is None or not nc.is_overdue(today) or nc.overdue_flagged_for == nc.due_date:
                continue
            before = nc.snapshot()
            nc.overdue_flagged_for = nc.due_date
            repository.save(tx.session, nc)
            tx.emit(CorrectiveActionOverdue(nonconformity_id=nc.id, unit_code=nc.unit_code,
                                            owner=nc.action.owner, due_date=nc.due_date,
                                            dossier_code=nc.dossier_code), subject=NONCONFORMITY.subject(nc.id))
            tx.audit(NONCONFORMITY.kind, nc.id, "overdue", None, before=before, after=nc.snapshot())
            flagged += 1
    if flagged:
        log.info("flagged %d overdue corrective action(s)", flagged)
    return flagged
