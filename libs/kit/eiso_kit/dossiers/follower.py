"""``DossierFollower``: the one event handler an owning service needs for its artefacts' dossiers."""
from __future__ import annotations

import logging
from datetime import timedelta

from eiso_contracts.errors import EisoError

from ..clock import utcnow
from ..events.subscribe import Received
from ..rpc import call
from . import store
from .artefact import ArtefactType, check_steps
from .facts import fact_of
from .sequence import in_order
from .tables import DossierTables

log = logging.getLogger(__name__)


class DossierFollower:
    """Applies ``workflow.dossier.*`` facts to the artefacts of the given types, in the workflow's order.

    In the owner's service::

        @subscribe(topology.subscription("quality", "dossier_progress"))
        def on_dossier_progress(self, received):
            FOLLOWER.follow(self.db, received)
    """

    def __init__(self, tables: DossierTables, *types: ArtefactType):
        self.tables = tables
        self.types = {(t.service, t.kind): t for t in types}
        self.definitions_checked = False
        self.mismatches: list[str] = []

    def follow(self, db, received: Received) -> None:
        fact = fact_of(received.data, received.event.id, received.event.time)
        if fact is None or (fact.service, fact.artefact_kind) not in self.types:
            return  # a dossier about another service's artefact
        now = utcnow()
        with db.transaction(handling=received) as tx:
            if tx.duplicate:
                return
            progress = store.lock_progress(tx.session, self.tables, fact, now)
            if progress.is_behind(fact):
                log.warning("dossier %s: fact %s (v%d %s) was already applied; ignored", fact.dossier_code,
                            fact.event_id, fact.version, fact.kind)
                return
            store.buffer(tx.session, self.tables, fact, now)
            waiting = store.pending(tx.session, self.tables, fact.dossier_code)
            ready = in_order(progress, waiting)
            for each in ready:
                self.types[(each.service, each.artefact_kind)].apply(tx, each)
            store.mark_applied(tx.session, self.tables, ready, now)
            left = len(waiting) - len(ready)
            if left:
                log.info("dossier %s: %d fact(s) wait for %s", fact.dossier_code, left, progress.waiting_for)
            store.save_progress(tx.session, self.tables, fact.dossier_code, progress, now, waiting=bool(left))

    def check_definitions(self, workflow, timeout: float) -> list[str]:
        """Compare each artefact type with the workflow's definition of its dossier type (once it answers).

        Run at start-up (an eager timer in the owner); a step key the owner uses
        that the definition does not have is never silently ignored: it is
        logged as critical and ``health`` reports it.
        """
        if self.definitions_checked:
            return self.mismatches
        problems = []
        for artefact_type in self.types.values():
            try:
                definition = call(workflow.get_definition, artefact_type.dossier_type, timeout=timeout,
                                  unavailable="the workflow service did not answer")
            except EisoError as exc:
                log.warning("cannot check dossier type %s yet: %s", artefact_type.dossier_type, exc.message)
                return self.mismatches
            if (definition["artefact_service"], definition["artefact_kind"]) != (artefact_type.service,
                                                                                 artefact_type.kind):
                problems.append(f"dossier type {artefact_type.dossier_type} is about "
                                f"{definition['artefact_service']}/{definition['artefact_kind']}, not "
                                f"{artefact_type.service}/{artefact_type.kind}")
            problems += check_steps(artefact_type, {step["key"]: step for step in definition["steps"]})
        for problem in problems:
            log.critical("dossier definition mismatch: %s", problem)
        self.mismatches, self.definitions_checked = problems, True
        return problems

    def health(self, db, patience: timedelta = timedelta(minutes=10)) -> str:
        """"ok", or what is wrong: a definition mismatch, or dossiers that wait too long for a missing fact."""
        if self.mismatches:
            return "dossier definitions do not match: " + "; ".join(self.mismatches)
        try:
            with db.read() as session:
                stuck = store.waiting(session, self.tables, utcnow() - patience)
        except Exception as exc:  # reported, not raised: health answers even when the database is down
            return f"error: {type(exc).__name__}"
        if not stuck:
            return "ok"
        shown = ", ".join(f"{code} after v{version}" for code, version in stuck[:5])
        return f"waiting for missing facts: {shown}" + (f" (+{len(stuck) - 5})" if len(stuck) > 5 else "")
