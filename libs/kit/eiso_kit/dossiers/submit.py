"""The owner's half of opening a dossier: store the artefact and ask the workflow for its dossier, once per key."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import Conflict
from eiso_contracts.events.base import EventData
from pydantic import BaseModel
from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError

from .. import idempotency
from ..clock import utcnow
from ..rpc import call, dump
from .artefact import ArtefactType


def workflow_check(workflow, timeout: float, unavailable: str) -> Callable[[DossierRequest], None]:
    """``check_route`` for ``submit``: the workflow checks the request (type, department, handler, deadline,
    attachments) before anything is stored; its typed errors pass through, silence is ``ServiceUnavailable``."""
    def check(request: DossierRequest) -> None:
        call(workflow.validate_request, dump(request), timeout=timeout, unavailable=unavailable)
    return check


def submit(db, requests: Table, artefact_type: ArtefactType, cmd: BaseModel, *, command: str, key: str | None,
           draft: Callable[[], tuple[Any, EventData]], check_route: Callable[[DossierRequest], None]) -> Any:
    """Store the new artefact and its "submitted" event (which carries the ``DossierRequest``) in one commit.

    ``draft()`` builds the artefact and its event (and refuses who may not);
    ``check_route(request)`` asks the workflow whether step 2's department,
    handler and deadline will do, BEFORE the transaction (network I/O never
    inside one). With an idempotency ``key`` the same person sending the same
    command again gets the artefact the first one made; other content under
    the same key is refused (422). Returns the artefact.
    """
    request = idempotency.keyed(command, cmd, key)
    if request is not None and (earlier := _earlier(db, requests, artefact_type, request)) is not None:
        return earlier
    artefact, submitted = draft()
    check_route(submitted.dossier_request)
    try:
        with db.transaction() as tx:
            artefact_type.repository.add(tx.session, artefact)
            tx.emit(submitted, subject=artefact_type.subject(artefact.id))
            tx.audit(artefact_type.kind, artefact.id, "submitted", cmd.actor.id, before=None,
                     after=artefact.snapshot())
            if request is not None:
                idempotency.remember(tx.session, requests, request, {"id": artefact.id}, utcnow())
    except IntegrityError:
        # The same keyed command, delivered twice, committed between our lookup and our insert.
        earlier = _earlier(db, requests, artefact_type, request) if request is not None else None
        if earlier is None:
            raise Conflict("Chưa lưu được do xung đột dữ liệu. Vui lòng thử lại.") from None
        return earlier
    return artefact


def _earlier(db, requests: Table, artefact_type: ArtefactType, request: idempotency.Request):
    with db.read() as session:
        result = idempotency.recall(session, requests, request)
        return artefact_type.repository.get(session, result["id"]) if result is not None else None
