"""One "Chuyển hồ sơ" submission: checks before the transaction, the change and its events in one commit."""
from __future__ import annotations

from eiso_contracts.errors import AlreadyProcessed
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import ActCommand
from sqlalchemy.exc import IntegrityError

from eiso_kit import idempotency

from . import repository
from .domain.views import dossier_view
from .lookups import check_attachments, fetch_people
from .models import requests
from .reads import visible


def act(svc, command: ActCommand):
    """The ``DossierView`` after the action. With an idempotency key a repeated submission returns the
    dossier as it is now, the action applied once (a retry after a timeout is safe)."""
    now = svc.clock.now()
    today = svc.clock.today(now)
    request = idempotency.keyed("workflow.act", command, command.request_id)
    if request is not None and (earlier := _acted(svc, request, command.actor, today)) is not None:
        return earlier
    try:
        return _apply(svc, command, request, now, today)
    except (AlreadyProcessed, IntegrityError):
        # The same keyed action delivered twice at once (an RPC redelivered after a broker restart while the
        # gateway sent it again): neither found the other's key at the start; the one that committed first
        # answers for both. Without a key, or if no action with this key was applied, the refusal stands.
        earlier = _acted(svc, request, command.actor, today) if request is not None else None
        if earlier is None:
            raise
        return earlier


def _apply(svc, command: ActCommand, request: idempotency.Request | None, now, today):
    timeout = svc.settings.service_rpc_timeout
    with svc.db.read() as session:
        current = visible(session, command.code, command.actor)
        planned = current.plan(command, today)
    people = fetch_people(svc.context, planned, timeout)
    check_attachments(svc.documents, command.attachments, command.actor.unit_code, timeout,
                      uploader=command.actor.id, already_attached=current.files())
    with svc.db.transaction() as tx:
        dossier = visible(tx.session, command.code, command.actor, lock=True)
        before = dossier.snapshot()
        events = dossier.act(command, now=now, today=today, people=people)
        repository.save_dossier(tx.session, dossier, command.expected_version)
        for event in events:
            tx.emit(event, subject=f"dossier/{dossier.code}")
        tx.audit("dossier", dossier.id, command.action, command.actor.id, before=before,
                 after=dossier.snapshot())
        if request is not None:
            idempotency.remember(tx.session, requests, request, {"code": dossier.code}, now)
    return dossier_view(dossier, command.actor, today=today, tz=svc.clock.tz)


def _acted(svc, request: idempotency.Request, actor: Actor, today):
    """The dossier an earlier action with this key was applied to, as it is now; None if there was none."""
    with svc.db.read() as session:
        earlier = idempotency.recall(session, requests, request)
        if earlier is None:
            return None
        dossier = visible(session, earlier["code"], actor)
    return dossier_view(dossier, actor, today=today, tz=svc.clock.tz)
