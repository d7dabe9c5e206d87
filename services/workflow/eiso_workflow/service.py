"""nameko entrypoints of the workflow service: parse, call the domain, save, return JSON.

Rules live in ``domain``; tables in ``repository`` / ``inbox``. Lookups in the
context service happen before a transaction opens, never inside one.
"""
from __future__ import annotations

import logging
import uuid

from eiso_contracts import topology
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import EisoError, InvalidInput, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import ActCommand, InboxPage, InboxQuery
from nameko.rpc import RpcProxy
from nameko.timer import timer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.events.subscribe import subscribe
from eiso_kit import idempotency
from eiso_kit.health import report
from eiso_kit.idempotency import with_key
from eiso_kit.rpc import dump, parse
from eiso_kit.entrypoint import rpc

from . import inbox as inboxes
from . import repository
from .dependencies import Clock, Definitions
from .domain.code import normalise_code
from .domain.dossier import Dossier, check_opening, check_request
from .domain.views import dossier_view, summary
from .models import MIGRATIONS, metadata, requests
from .people import check_attachments, fetch_people

log = logging.getLogger(__name__)

# Typed refusals (InvalidInput, Forbidden, NotFound, AlreadyProcessed, ...) are answers, not incidents:
# nameko logs them as warnings instead of errors with a traceback.
REFUSALS = EisoError


def _text(value, name: str, max_length: int = 100) -> str:
    """A plain string argument, or InvalidInput (never an AttributeError deeper down)."""
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise InvalidInput(f"Dữ liệu không hợp lệ — {name}: cần một chuỗi ký tự (tối đa {max_length}).")
    return value.strip()


def _subject(dossier: Dossier) -> str:
    return f"dossier/{dossier.code}"


class WorkflowService:
    """Dossiers (hồ sơ): types as data, running instances, steps, deadlines, inboxes."""

    name = "workflow"
    db = Database(metadata, migrations=MIGRATIONS)
    definitions = Definitions()
    clock = Clock()
    settings = ServiceSettings()
    context = RpcProxy("context")
    documents = RpcProxy("documents")

    @rpc
    def health(self):
        return report(self.name, database=self.db.health())

    # -- dossier types -------------------------------------------------------
    @rpc(expected_exceptions=REFUSALS)
    def list_definitions(self):
        """Every dossier type, in code order (``list[DossierTypeView]``)."""
        return dump([dossier_type.view() for dossier_type in self.definitions])

    @rpc(expected_exceptions=REFUSALS)
    def get_definition(self, type_code):
        """One dossier type (``DossierTypeView``); NotFound for an unknown code."""
        return dump(self.definitions.get(_text(type_code, "type_code", 10)).view())

    @rpc(expected_exceptions=REFUSALS)
    def validate_request(self, request):
        """Check a ``DossierRequest`` before the owner commits its submission: ``{"ok": True}`` or a typed error."""
        request = parse(DossierRequest, request)
        dossier_type = self.definitions.find(request.type_code)
        if dossier_type is None:
            raise InvalidInput(f"Không có loại hồ sơ mã {request.type_code!r}.")
        check_request(dossier_type, request)
        people = fetch_people(self.context, [request.opened_by, request.next.handler_id], self.settings.service_rpc_timeout)
        check_opening(dossier_type, request, today=self.clock.today(), people=people)
        check_attachments(self.documents, request.attachments, request.unit_code, self.settings.service_rpc_timeout)
        return {"ok": True}

    # -- reading dossiers ----------------------------------------------------
    @rpc(expected_exceptions=REFUSALS)
    def get_dossier(self, code, actor):
        """The dossier page (``DossierView``); NotFound for an unknown code or another unit's dossier."""
        actor = parse(Actor, actor)
        code = normalise_code(_text(code, "code", 40))
        with self.db.read() as session:
            dossier = self._visible(session, code, actor)
        return dump(dossier_view(dossier, actor, today=self.clock.today(), tz=self.clock.tz))

    @rpc(expected_exceptions=REFUSALS)
    def get_dossier_for_artefact(self, service, kind, artefact_id, actor):
        """The latest dossier about an artefact, in the actor's unit (``DossierSummary``), or None."""
        actor = parse(Actor, actor)
        with self.db.read() as session:
            dossier = repository.latest_for_artefact(
                session, _text(service, "service", 40), _text(kind, "kind", 40),
                _text(artefact_id, "artefact_id", 64), unit_code=actor.unit_code)
        return dump(summary(dossier, today=self.clock.today(), tz=self.clock.tz)) if dossier else None

    @rpc(expected_exceptions=REFUSALS)
    def inbox(self, query):
        """One page of a tab of "Kiểm soát hoạt động ISO" (``InboxPage``)."""
        query = parse(InboxQuery, query)
        today, tz = self.clock.today(), self.clock.tz
        with self.db.read() as session:
            ids, total = inboxes.page_ids(session, query)
            items = repository.load_many(session, ids)
            counts = inboxes.counts(session, query.actor)
        return dump(InboxPage(tab=query.tab, items=[summary(d, today=today, tz=tz) for d in items], total=total,
                              page=query.page, page_size=query.page_size, counts=counts))

    @rpc(expected_exceptions=REFUSALS)
    def inbox_counts(self, actor):
        """How many dossiers each tab holds (``InboxCounts``)."""
        actor = parse(Actor, actor)
        with self.db.read() as session:
            return dump(inboxes.counts(session, actor))

    # -- acting --------------------------------------------------------------
    @rpc(expected_exceptions=REFUSALS)
    def act(self, command, request_id=None):
        """One "Chuyển hồ sơ" submission; returns the ``DossierView`` after it.

        With an idempotency key (``request_id``, in the command or beside it) a repeated submission returns
        the dossier as it is now, the action applied once (a retry after a timeout is safe).
        """
        command = parse(ActCommand, with_key(command, request_id))
        now = self.clock.now()
        today = self.clock.today(now)
        code = normalise_code(command.code)
        request = idempotency.keyed("workflow.act", command, command.request_id)
        if request is not None and (earlier := self._acted(request, command.actor, today)) is not None:
            return earlier
        with self.db.read() as session:
            planned = self._visible(session, code, command.actor).plan(command, today)
        people = fetch_people(self.context, planned, self.settings.service_rpc_timeout)
        check_attachments(self.documents, command.attachments, command.actor.unit_code, self.settings.service_rpc_timeout)
        try:
            with self.db.transaction() as tx:
                dossier = self._visible(tx.session, code, command.actor, lock=True)
                before = dossier.snapshot()
                events = dossier.act(command, now=now, today=today, people=people)
                repository.save_dossier(tx.session, dossier, command.expected_version)
                for event in events:
                    tx.emit(event, subject=_subject(dossier))
                tx.audit("dossier", dossier.id, command.action, command.actor.id, before=before,
                         after=dossier.snapshot())
                if request is not None:
                    idempotency.remember(tx.session, requests, request, {"code": dossier.code}, now)
        except IntegrityError:  # the same keyed action, delivered twice, committed first
            earlier = self._acted(request, command.actor, today) if request is not None else None
            if earlier is None:
                raise
            return earlier
        return dump(dossier_view(dossier, command.actor, today=today, tz=self.clock.tz))

    # -- opening -------------------------------------------------------------
    @subscribe(topology.WORKFLOW_OPEN_DOSSIERS)
    def open_dossier(self, received):
        """Open the dossier a "submitted" event asks for (once per event, once per open artefact).

        A request this service cannot honour (unknown type, wrong artefact)
        raises, so it is retried and then parked in the dead-letter queue
        where an operator sees it, rather than silently dropped.
        """
        request = getattr(received.data, "dossier_request", None)
        if not isinstance(request, DossierRequest):
            log.warning("event %s (%s) carries no dossier_request; ignored", received.event.id, received.type)
            return
        dossier_type = self.definitions.get(request.type_code)
        check_request(dossier_type, request)
        now = self.clock.now()
        today = self.clock.today(now)
        with self.db.transaction(handling=received) as tx:
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
                tx.emit(event, subject=_subject(dossier))
            tx.audit("dossier", dossier.id, "open", request.opened_by, before=None, after=dossier.snapshot())

    # -- deadlines -----------------------------------------------------------
    @timer(interval=60)
    def scan_overdue(self):
        """Publish DossierOverdue once per late step visit, even with several copies of the service running.

        The visit is flagged with a conditional UPDATE in the same transaction
        as the event: of two copies, only the one whose UPDATE changed the row
        emits. Returns how many were flagged (for tests and logs).
        """
        now = self.clock.now()
        today = self.clock.today(now)
        with self.db.read() as session:
            candidates = repository.overdue_candidates(session, today)
        flagged = 0
        for dossier_id, _ in candidates:
            with self.db.transaction() as tx:
                if not repository.lock(tx.session, dossier_id):
                    continue
                dossier = repository.load(tx.session, dossier_id=dossier_id)  # locked just above
                event = dossier.overdue_event(today)
                if event is None or not repository.flag_overdue(tx.session, dossier.id, dossier.current.seq, now):
                    continue
                tx.emit(event, subject=_subject(dossier))
                tx.audit("dossier", dossier.id, "overdue", None, before=None, after=dossier.snapshot())
                flagged += 1
        if flagged:
            log.info("reported %d overdue dossier step(s)", flagged)
        return flagged

    # -- helpers -------------------------------------------------------------
    def _acted(self, request: idempotency.Request, actor: Actor, today) -> dict | None:
        """The dossier an earlier action with this key was applied to, as it is now; None if there was none."""
        with self.db.read() as session:
            earlier = idempotency.recall(session, requests, request)
            if earlier is None:
                return None
            dossier = self._visible(session, earlier["code"], actor)
        return dump(dossier_view(dossier, actor, today=today, tz=self.clock.tz))

    def _visible(self, session: Session, code: str, actor: Actor, lock: bool = False) -> Dossier:
        dossier = repository.load(session, code=code, lock=lock)
        if dossier is None or dossier.unit_code != actor.unit_code:
            raise NotFound(f"Không tìm thấy hồ sơ {code}.")
        return dossier
