"""Opening dossiers: the owner's request checked before it commits, then opened from its event."""
from __future__ import annotations

import logging
import uuid

from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import InvalidInput

from . import repository
from .domain.dossier import Dossier, check_opening, check_request
from .lookups import check_attachments, fetch_people

log = logging.getLogger(__name__)


def validate(svc, request: DossierRequest) -> dict:
    """``{"ok": True}``, or a typed error about the type, the route or the attachments."""
    dossier_type = svc.definitions.find(request.type_code)
    if dossier_type is None:
        raise InvalidInput(f"Không có loại hồ sơ mã {request.type_code!r}.")
    check_request(dossier_type, request)
    timeout = svc.settings.service_rpc_timeout
    people = fetch_people(svc.context, [request.opened_by, request.next.handler_id], timeout)
    check_opening(dossier_type, request, today=svc.clock.today(), people=people)
    check_attachments(svc.documents, request.attachments, request.unit_code, timeout, uploader=request.opened_by)
    return {"ok": True}


def open_from(svc, received) -> None:
    """Open the dossier a "submitted" event asks for (once per event, once per open artefact).

    A request this service cannot honour (unknown type, wrong artefact)
    raises, so it is retried and then parked in the dead-letter queue
    where an operator sees it, rather than silently dropped.
    """
    request = getattr(received.data, "dossier_request", None)
    if not isinstance(request, DossierRequest):
        log.warning("event %s (%s) carries no dossier_request; ignored", received.event.id, received.type)
        return
    dossier_type = svc.definitions.get(request.type_code)
    check_request(dossier_type, request)
    now = svc.clock.now()
    today = svc.clock.today(now)
    with svc.db.transaction(handling=received) as tx:
        if tx.duplicate:
            return
        existing = repository.open_for_artefact(tx.session, request.artefact)
        if existing is not None:
            log.warning("event %s asks for a dossier about %s/%s/%s, which already has the open dossier %s;"
                        " ignored", received.event.id, request.artefact.service, request.artefact.kind,
                        request.artefact.id, existing)
            return
        number = repository.next_number(tx.session, request.unit_code, dossier_type.code, today.year)
        dossier, events = Dossier.open(dossier_type, request, id=str(uuid.uuid4()), number=number,
                                       now=now, today=today)
        repository.insert_dossier(tx.session, dossier)
        for event in events:
            tx.emit(event, subject=f"dossier/{dossier.code}")
        tx.audit("dossier", dossier.id, "open", request.opened_by, before=None, after=dossier.snapshot())
