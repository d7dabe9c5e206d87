"""The bus topology as data: one durable topic exchange and who listens to what.

Publishers declare all of it before they publish, so an event sent before
its consumer ever started waits in that consumer's durable queue. Each
subscription has its own queue and a dead-letter queue beside it.
Routing key = the full CloudEvents ``type`` (prefix included).
"""
from __future__ import annotations

from dataclasses import dataclass

EXCHANGE = "eiso.events"
DEFAULT_PREFIX = "vn.eiso"


@dataclass(frozen=True)
class Subscription:
    service: str
    name: str
    event_types: tuple[str, ...]

    @property
    def queue(self) -> str:
        return f"eiso.{self.service}.{self.name}"

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.queue}.dlq"

    def routing_keys(self, prefix: str) -> list[str]:
        return [f"{prefix}.{event_type}" for event_type in self.event_types]


# The workflow opens a dossier for every artefact submitted for approval.
WORKFLOW_OPEN_DOSSIERS = Subscription(
    service="workflow",
    name="open_dossiers",
    event_types=("quality.policy.submitted.v1",),
)

_DOSSIER_PROGRESS = (
    "workflow.dossier.opened.v1",
    "workflow.dossier.saved.v1",
    "workflow.dossier.approved.v1",
    "workflow.dossier.rejected.v1",
    "workflow.dossier.returned.v1",
    "workflow.dossier.completed.v1",
)

# The quality service follows the dossiers of the artefacts it owns.
QUALITY_DOSSIER_PROGRESS = Subscription(
    service="quality",
    name="dossier_progress",
    event_types=_DOSSIER_PROGRESS,
)

# The documents service learns which files the dossiers list (and keeps them; unlisted ones expire).
DOCUMENTS_DOSSIER_FILES = Subscription(
    service="documents",
    name="dossier_files",
    event_types=(
        "workflow.dossier.opened.v1",
        "workflow.dossier.saved.v1",
        "workflow.dossier.approved.v1",
        "workflow.dossier.rejected.v1",
        "workflow.dossier.returned.v1",
    ),
)

SUBSCRIPTIONS: tuple[Subscription, ...] = (
    WORKFLOW_OPEN_DOSSIERS,
    QUALITY_DOSSIER_PROGRESS,
    DOCUMENTS_DOSSIER_FILES,
)
