"""The bus topology, derived from the event registry: one durable topic exchange and who listens to what.

Publishers declare all of it before they publish, so an event sent before
its consumer ever started waits in that consumer's durable queue. Each
subscription has its own queue and a dead-letter queue beside it.
Routing key = the full CloudEvents ``type`` (prefix included).

Nobody edits the list by hand:
- every event whose data carries a ``dossier_request`` (an owner's "submitted")
  is consumed by the workflow, which opens the dossier (``workflow.open_dossiers``);
- every service that publishes such an event owns artefacts that move as
  dossiers, so it follows the workflow's progress facts
  (``<service>.dossier_progress``);
- any other consumer is declared on the event class itself
  (``EventData.consumers = ("<service>.<name>", ...)``).
"""
from __future__ import annotations

from dataclasses import dataclass

from .events import REGISTRY
from .events.workflow import DOSSIER_PROGRESS

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


def _derive() -> tuple[Subscription, ...]:
    wanted: dict[tuple[str, str], list[str]] = {}
    for event_type, model in sorted(REGISTRY.items()):
        if "dossier_request" in model.model_fields:
            wanted.setdefault(("workflow", "open_dossiers"), []).append(event_type)
            owner = event_type.split(".", 1)[0]
            wanted.setdefault((owner, "dossier_progress"), []).extend(DOSSIER_PROGRESS)
        for consumer in getattr(model, "consumers", ()):
            service, _, name = consumer.partition(".")
            wanted.setdefault((service, name), []).append(event_type)
    return tuple(Subscription(service, name, tuple(dict.fromkeys(types)))
                 for (service, name), types in sorted(wanted.items()))


SUBSCRIPTIONS: tuple[Subscription, ...] = _derive()


def subscription(service: str, name: str) -> Subscription:
    """The subscription ``eiso.<service>.<name>`` (KeyError if no event leads to it)."""
    for candidate in SUBSCRIPTIONS:
        if (candidate.service, candidate.name) == (service, name):
            return candidate
    raise KeyError(f"no subscription eiso.{service}.{name}: no event is consumed there")


WORKFLOW_OPEN_DOSSIERS = subscription("workflow", "open_dossiers")
QUALITY_DOSSIER_PROGRESS = subscription("quality", "dossier_progress")
DOCUMENTS_DOSSIER_FILES = subscription("documents", "dossier_files")
DOCUMENTS_DOSSIER_PROGRESS = subscription("documents", "dossier_progress")
