"""nameko entrypoints of the quality service: one line each (``eiso_kit.handlers`` parses and answers).

The quality policy (ISO 5.2, "Lập chính sách chất lượng") lives in ``policy/``.
"""
from __future__ import annotations

from eiso_contracts import topology
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality import PolicyQuery, SubmitPolicy
from nameko.rpc import RpcProxy
from nameko.timer import timer

from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.dossiers import DossierFollower
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report

from .models import MIGRATIONS, dossier_progress, metadata
from .policy import commands, reads
from .policy.dossier import POLICY

FOLLOWER = DossierFollower(dossier_progress, POLICY)


class QualityService:
    """Quality policies: drafted and submitted by the ISO secretary, moved by the workflow's dossier."""

    name = "quality"
    db = Database(metadata, migrations=MIGRATIONS)
    workflow = RpcProxy("workflow")
    settings = ServiceSettings()

    @internal()
    def health(self):
        """``{"service": "quality", "status": "ok", "checks": {"database": "ok", "dossiers": "ok"}}``"""
        return report(self.name, database=self.db.health(), dossiers=FOLLOWER.health(self.db))

    # -- quality policy ------------------------------------------------------
    @command(SubmitPolicy)
    def submit_policy(self, cmd):
        """SubmitPolicy -> PolicyView (status "submitted"); idempotent per person with ``request_id``."""
        return commands.submit(self, cmd)

    @query(PolicyQuery)
    def get_policy(self, query):
        """PolicyView with its revisions; NotFound (also for another unit's policy)."""
        return reads.one(self.db, query)

    @query(Actor)
    def list_policies(self, actor):
        """The person's unit's policies, newest first (without revisions)."""
        return reads.of_unit(self.db, actor)

    @query(Actor)
    def get_policy_in_force(self, actor):
        """The unit's policy in force (shown on the home page), or None."""
        return reads.in_force(self.db, actor)

    # -- the dossiers of its artefacts ----------------------------------------
    @subscribe(topology.QUALITY_DOSSIER_PROGRESS)
    def on_dossier_progress(self, received):
        """Follow the dossiers of quality policies, in the workflow's order: revise, approve, return, reject, issue."""
        FOLLOWER.follow(self.db, received)

    @timer(interval=60, eager=True)
    def check_dossier_types(self):
        """At start (then every minute until the workflow answers): the step keys used here exist there."""
        FOLLOWER.check_definitions(self.workflow, self.settings.service_rpc_timeout)
