"""Recording a finding during an audit (the service's entrypoint calls this)."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, NotFound
from eiso_contracts.events.audit import FindingRecorded
from eiso_contracts.rpc.audit import FindingView, RecordFinding
from sqlalchemy.exc import IntegrityError

from eiso_kit import idempotency
from eiso_kit.clock import utcnow

from ..models import requests
from ..plan import repository as plans
from ..plan.actions import NOT_FOUND, subject
from ..plan.views import finding_view
from . import repository
from .aggregate import record as record_finding


def record(db, cmd: RecordFinding) -> FindingView:
    """A member of the audit team records a finding; a nonconformity reaches the quality service by event."""
    keyed = idempotency.keyed("audit.record_finding", cmd, cmd.request_id)
    if keyed is not None and (earlier := _earlier(db, keyed)) is not None:
        return earlier
    now = utcnow()
    try:
        with db.transaction() as tx:
            plan = plans.get(tx.session, cmd.plan_id, cmd.actor.unit_code, lock=True)
            if plan is None:
                raise NotFound(NOT_FOUND)
            finding = record_finding(plan, cmd, uuid.uuid4().hex, repository.next_number(tx.session, plan.id), now)
            repository.add(tx.session, finding)
            tx.emit(FindingRecorded(finding_id=finding.id, plan_id=plan.id, unit_code=plan.unit_code,
                                    kind=finding.kind, clause=finding.clause, department_id=finding.department_id,
                                    description=finding.description, evidence=finding.evidence,
                                    attachments=list(finding.attachments), recorded_by=finding.recorded_by,
                                    recorded_at=finding.recorded_at), subject=subject(plan.id))
            tx.audit("finding", finding.id, "recorded", cmd.actor.id, before=None, after=finding.snapshot())
            if keyed is not None:
                idempotency.remember(tx.session, requests, keyed, {"id": finding.id, "plan_id": plan.id}, now)
    except IntegrityError:  # the same keyed command, delivered twice, committed first
        earlier = _earlier(db, keyed) if keyed is not None else None
        if earlier is None:
            raise Conflict("Chưa lưu được do xung đột dữ liệu. Vui lòng thử lại.") from None
        return earlier
    return finding_view(finding)


def _earlier(db, keyed: idempotency.Request) -> FindingView | None:
    with db.read() as session:
        result = idempotency.recall(session, requests, keyed)
        if result is None:
            return None
        found = next(f for f in repository.of_plan(session, result["plan_id"]) if f.id == result["id"])
    return finding_view(found)
