"""Proposing, deciding and reading improvements (the service's entrypoints call these)."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, NotFound
from eiso_contracts.events.quality_improvement import ImprovementRefused
from eiso_contracts.rpc.quality_improvement import (ImprovementRef, ImprovementsQuery, ImprovementView,
                                                    ProposeImprovement, RefuseImprovement)

from sqlalchemy.exc import IntegrityError

from eiso_kit import idempotency
from eiso_kit.clock import local_today, utcnow

from ..lookups import Lookups
from ..models import requests
from . import decision, repository
from .dossier import IMPROVEMENT
from .views import improvement_view

NOT_FOUND = "Không tìm thấy đề xuất cải tiến."


def propose(db, lookups: Lookups, cmd: ProposeImprovement) -> ImprovementView:
    """Anyone proposes; the same keyed request proposes once (a proposal opens no dossier yet)."""
    keyed = idempotency.keyed("quality.propose_improvement", cmd, cmd.request_id)
    if keyed is not None and (earlier := _earlier(db, keyed, cmd)) is not None:
        return earlier
    lookups.check_department(cmd.actor.unit_code, cmd.department_id)
    now = utcnow()
    item, event = decision.proposed(uuid.uuid4().hex, cmd, now)
    try:
        with db.transaction() as tx:
            repository.add(tx.session, item)
            tx.emit(event, subject=IMPROVEMENT.subject(item.id))
            tx.audit(IMPROVEMENT.kind, item.id, "proposed", cmd.actor.id, before=None, after=item.snapshot())
            if keyed is not None:
                idempotency.remember(tx.session, requests, keyed, {"id": item.id}, now)
    except IntegrityError:  # the same keyed request, delivered twice, committed first
        earlier = _earlier(db, keyed, cmd) if keyed is not None else None
        if earlier is None:
            raise Conflict("Chưa lưu được do xung đột dữ liệu. Vui lòng thử lại.") from None
        return earlier
    return improvement_view(item)


def approve(db, tz: str, ref: ImprovementRef) -> ImprovementView:
    """Phê duyệt: the proposal is approved and its improvement dossier opens with the leader (step 2)."""
    def decide(item, now):
        item.decide(True, ref.actor, now)
        return "approved", decision.approved(item, ref.actor, local_today(tz, now))
    return _decide(db, ref, decide)


def refuse(db, cmd: RefuseImprovement) -> ImprovementView:
    """Không duyệt, with the reason."""
    def decide(item, now):
        item.decide(False, cmd.actor, now, cmd.reason)
        return "refused", ImprovementRefused(improvement_id=item.id, unit_code=item.unit_code, reason=cmd.reason,
                                             refused_by=cmd.actor.id)
    return _decide(db, ImprovementRef(actor=cmd.actor, improvement_id=cmd.improvement_id), decide)


def one(db, ref: ImprovementRef) -> ImprovementView:
    with db.read() as session:
        item = repository.get(session, ref.improvement_id)
    if item is None or item.unit_code != ref.actor.unit_code:
        raise NotFound(NOT_FOUND)
    return improvement_view(item)


def of_unit(db, query: ImprovementsQuery) -> list[ImprovementView]:
    with db.read() as session:
        return [improvement_view(item) for item in repository.of_unit(session, query.actor.unit_code)]


def _earlier(db, keyed, cmd: ProposeImprovement) -> ImprovementView | None:
    with db.read() as session:
        result = idempotency.recall(session, requests, keyed)
    return one(db, ImprovementRef(actor=cmd.actor, improvement_id=result["id"])) if result is not None else None


def _decide(db, ref: ImprovementRef, decide) -> ImprovementView:
    with db.transaction() as tx:
        item = repository.get(tx.session, ref.improvement_id, lock=True)
        if item is None or item.unit_code != ref.actor.unit_code:
            raise NotFound(NOT_FOUND)
        before = item.snapshot()
        action, event = decide(item, utcnow())
        repository.save(tx.session, item)
        tx.emit(event, subject=IMPROVEMENT.subject(item.id))
        tx.audit(IMPROVEMENT.kind, item.id, action, ref.actor.id, before=before, after=item.snapshot())
    return improvement_view(item)
