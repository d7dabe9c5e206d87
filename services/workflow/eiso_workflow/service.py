"""nameko entrypoints of the workflow service: one line each (``eiso_kit.handlers`` parses and answers).

Use cases live in ``reads``, ``acting``, ``opening`` and ``deadlines``; rules in ``domain``.
"""
from __future__ import annotations

from eiso_contracts import topology
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import ActCommand, ArtefactDossierQuery, DefinitionRef, DossierQuery, InboxQuery
from nameko.rpc import RpcProxy
from nameko.timer import timer

from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report

from . import acting, deadlines, opening, reads
from .dependencies import Clock, Definitions
from .models import MIGRATIONS, metadata


class WorkflowService:
    """Dossiers (hồ sơ): types as data, running instances, steps, deadlines, inboxes."""

    name = "workflow"
    db = Database(metadata, migrations=MIGRATIONS)
    definitions = Definitions()
    clock = Clock()
    settings = ServiceSettings()
    context = RpcProxy("context")
    documents = RpcProxy("documents")

    @internal()
    def health(self):
        return report(self.name, database=self.db.health())

    # -- dossier types -------------------------------------------------------
    @internal()
    def list_definitions(self):
        """Every dossier type, in code order (``list[DossierTypeView]``)."""
        return [dossier_type.view() for dossier_type in self.definitions]

    @internal(DefinitionRef)
    def get_definition(self, ref):
        """One dossier type (``DossierTypeView``); NotFound for an unknown code."""
        return self.definitions.get(ref.type_code).view()

    @internal(DossierRequest)
    def validate_request(self, request):
        """Check a ``DossierRequest`` before the owner commits its submission: ``{"ok": True}`` or a typed error."""
        return opening.validate(self, request)

    # -- reading dossiers ----------------------------------------------------
    @query(DossierQuery)
    def get_dossier(self, query):
        """The dossier page (``DossierView``); NotFound for an unknown code or one the person may not see."""
        return reads.dossier(self.db, self.clock, query)

    @query(ArtefactDossierQuery)
    def get_dossier_for_artefact(self, query):
        """The latest dossier about an artefact that the person may see (``DossierSummary``), or None."""
        return reads.for_artefact(self.db, self.clock, query)

    @query(InboxQuery)
    def inbox(self, query):
        """One page of a tab of "Kiểm soát hoạt động ISO" (``InboxPage``)."""
        return reads.inbox(self.db, self.clock, query)

    @query(Actor)
    def inbox_counts(self, actor):
        """How many dossiers each tab holds (``InboxCounts``)."""
        return reads.counts(self.db, actor)

    # -- acting --------------------------------------------------------------
    @command(ActCommand)
    def act(self, command):
        """One "Chuyển hồ sơ" submission; the ``DossierView`` after it (idempotent with ``request_id``)."""
        return acting.act(self, command)

    # -- opening, deadlines ----------------------------------------------------
    @subscribe(topology.WORKFLOW_OPEN_DOSSIERS)
    def open_dossier(self, received):
        """Open the dossier a "submitted" event asks for."""
        opening.open_from(self, received)

    @timer(interval=60)
    def scan_overdue(self):
        """Report late steps (Trễ hạn) once each; returns how many (for tests and logs)."""
        return deadlines.scan_overdue(self.db, self.clock)
