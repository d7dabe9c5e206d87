"""In which order an owner applies one dossier's facts: exactly the workflow's, whatever the arrival order.

Every workflow action raises the dossier's version by one and publishes at
least one fact an owner follows, all carrying that version: "opened" (v1),
"saved", "approved", "rejected", "returned", and, for the last step's
approval, "approved" then "completed". So the facts of a dossier form a gapless
sequence, and an owner can tell a fact that arrived early (its predecessor is
still on the bus, or being retried) from the next one. Early facts wait in a
buffer; none is skipped, none is applied twice. Why this and not ordering on
the bus: RabbitMQ keeps order only per queue with a single consumer and no
retries, which would cap each owner at one handler at a time and break with
the retry-by-republish that keeps failing handlers from looping; buffering by
version keeps every copy of a service and every worker useful.
"""
from __future__ import annotations

from dataclasses import dataclass

from .facts import DossierFact


@dataclass
class Progress:
    """How far an owner has applied one dossier: all facts of versions up to ``applied_version``; when
    ``awaiting_completion``, also the last step's approval of the next version (its completion not yet);
    ``completed`` once the completion is applied."""

    applied_version: int = 0
    awaiting_completion: bool = False
    completed: bool = False

    def is_next(self, fact: DossierFact) -> bool:
        if fact.kind == "completed":
            if self.completed:
                return False
            if self.awaiting_completion:
                return fact.version == self.applied_version + 1
            # Progress recorded before this kit (a final approval applied, its version stored) waits for its
            # completion at the same version; in the kit's own sequence a completion never comes alone.
            return fact.version == self.applied_version
        return not self.awaiting_completion and fact.version == self.applied_version + 1

    def is_behind(self, fact: DossierFact) -> bool:
        """Already applied (the same fact again under another event id): nothing to do."""
        if fact.kind == "completed":
            return self.completed
        if fact.version <= self.applied_version:
            return True
        return self.awaiting_completion and fact.version == self.applied_version + 1

    def advance(self, fact: DossierFact) -> None:
        if fact.kind == "approved" and fact.final:
            self.awaiting_completion = True
            return
        self.applied_version = max(self.applied_version, fact.version)
        self.awaiting_completion = False
        self.completed = self.completed or fact.kind == "completed"

    @property
    def waiting_for(self) -> str:
        """What the next fact must be (for logs and operators)."""
        version = self.applied_version + 1
        return f"v{version} completed" if self.awaiting_completion else f"v{version}"


def in_order(progress: Progress, pending: list[DossierFact]) -> list[DossierFact]:
    """The pending facts that can be applied now, in order; ``progress`` is advanced past them."""
    ready = []
    for fact in sorted(pending, key=lambda f: f.position):
        if not progress.is_next(fact):
            break
        ready.append(fact)
        progress.advance(fact)
    return ready
