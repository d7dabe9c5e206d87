"""What an owning service declares about one kind of artefact that moves as a dossier."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from eiso_contracts.events.base import EventData
from pydantic import BaseModel, ValidationError

from ..db.transaction import Transaction
from .facts import DossierFact, InconsistentFact


class Artefact(Protocol):
    """What the kit needs of an owner's aggregate."""

    id: str
    unit_code: str
    dossier_code: str | None
    dossier_version: int

    def snapshot(self) -> dict: ...


class Repository(Protocol):
    def add(self, session, artefact: Artefact) -> None: ...

    def get(self, session, artefact_id: str, lock: bool = False) -> Artefact | None: ...

    def save(self, session, artefact: Artefact) -> None: ...


@dataclass
class Change:
    """One fact being applied to one artefact, inside the owner's transaction.

    A transition reads ``fact``, ``artefact`` and ``content`` (the fact's
    content parsed with the artefact's model, or None), may look up more
    through ``repository`` (the artefact type's) and ``session``, changes the artefact,
    and says what else happened: ``emit`` an event of the owner, ``also``
    another aggregate it changed (saved and audited first), ``action`` the name
    of the change in the audit trail, ``lock`` a scope (e.g. "the unit's policy
    in force") for the rest of the transaction.
    """

    tx: Transaction
    fact: DossierFact
    artefact: Any
    repository: Any
    content: BaseModel | None = None
    action: str | None = None
    events: list[EventData] = field(default_factory=list)
    others: list[tuple[Any, str, dict]] = field(default_factory=list)

    @property
    def session(self):
        return self.tx.session

    def emit(self, event: EventData) -> None:
        self.events.append(event)

    def also(self, other: Any, action: str, before: dict) -> None:
        self.others.append((other, action, before))

    def lock(self, scope: str) -> None:
        self.tx.lock(scope)

    def put_in_force(self, scope: str, rule: Callable[[Any, Any, str, Any], tuple[Any, EventData]]) -> None:
        """The final step: ``rule(artefact, in_force, by, at)`` -> (the version it retires or None, the event).

        Completions of one unit apply one at a time (``scope`` + the unit is locked), the unit's version in
        force is read locked through the repository's ``in_force(session, unit_code, lock=True)``.
        """
        artefact, fact = self.artefact, self.fact
        self.lock(f"{scope}.{artefact.unit_code}")
        in_force = self.repository.in_force(self.session, artefact.unit_code, lock=True)
        before = in_force.snapshot() if in_force is not None else None
        retired, announcement = rule(artefact, in_force, fact.actor_id, fact.at)
        if retired is not None:
            self.also(retired, "superseded", before)
        self.emit(announcement)


Transition = Callable[[Change], None]


@dataclass(frozen=True)
class ArtefactType:
    """One kind of artefact an owning service moves through dossiers of one workflow type.

    ``on`` maps (fact kind, step key) to what happens; a step key of None
    matches any step. Facts with no entry change nothing but the dossier's
    code and version on the artefact. ``revise`` applies an edit a fact carries
    (its content) before the transition; ``closed`` artefacts take no more
    transitions (their text may still be recorded by ``revise``).
    """

    service: str
    kind: str
    dossier_type: str
    repository: Repository
    on: Mapping[tuple[str, str | None], Transition]
    content: type[BaseModel] | None = None
    revise: Transition | None = None
    closed: Callable[[Any], bool] = lambda artefact: False

    @property
    def step_keys(self) -> set[str]:
        return {key for _, key in self.on if key is not None}

    def transition(self, kind: str, step_key: str | None) -> Transition | None:
        return self.on.get((kind, step_key)) or self.on.get((kind, None))

    def subject(self, artefact_id: str) -> str:
        return f"{self.kind}/{artefact_id}"

    # -- applying one fact ---------------------------------------------------------------
    def apply(self, tx: Transaction, fact: DossierFact) -> None:
        artefact = self.repository.get(tx.session, fact.artefact_id, lock=True)
        if artefact is None:
            # Not a race: the artefact is committed before its "submitted" event is published (outbox), and
            # the workflow opens a dossier only from that event. An unknown id is a real fault (a restored or
            # wrong database, another deployment on the bus): raising keeps the fact for an operator.
            raise LookupError(f"dossier {fact.dossier_code} is about {self.kind} {fact.artefact_id}, "
                              f"which this {self.service} service does not have")
        self._check_belongs(artefact, fact)
        before = artefact.snapshot()
        status_before = getattr(artefact, "status", None)
        change = Change(tx=tx, fact=fact, artefact=artefact, repository=self.repository,
                        content=self._content(fact))
        artefact.dossier_code, artefact.dossier_version = fact.dossier_code, fact.version
        revised = False
        if change.content is not None and self.revise is not None:
            emitted = len(change.events)
            self.revise(change)
            revised = len(change.events) > emitted
        if not self.closed(artefact):
            transition = self.transition(fact.kind, fact.step_key)
            if transition is not None:
                transition(change)
        for other, action, other_before in change.others:
            self.repository.save(tx.session, other)
            tx.audit(self.kind, other.id, action, fact.actor_id, before=other_before, after=other.snapshot())
        after = artefact.snapshot()
        if after != before:
            self.repository.save(tx.session, artefact)
            action = change.action or _action(status_before, getattr(artefact, "status", None), revised, fact)
            tx.audit(self.kind, artefact.id, action, fact.actor_id, before=before, after=after)
        for event in change.events:
            tx.emit(event, subject=self.subject(getattr(event, f"{self.kind}_id", artefact.id)))

    def _content(self, fact: DossierFact) -> BaseModel | None:
        if fact.content is None or self.content is None:
            return None
        try:
            return self.content.model_validate(fact.content)
        except ValidationError as exc:
            raise InconsistentFact(f"dossier {fact.dossier_code} v{fact.version}: its content is not a "
                                   f"{self.kind}: {exc}") from exc

    def _check_belongs(self, artefact: Artefact, fact: DossierFact) -> None:
        if fact.unit_code != artefact.unit_code:
            raise InconsistentFact(f"dossier {fact.dossier_code} belongs to unit {fact.unit_code}, "
                                   f"{self.kind} {artefact.id} to unit {artefact.unit_code}")
        if artefact.dossier_code is not None and artefact.dossier_code != fact.dossier_code:
            raise InconsistentFact(f"{self.kind} {artefact.id} follows dossier {artefact.dossier_code}, "
                                   f"not {fact.dossier_code}")


def _action(status_before: str | None, status_after: str | None, revised: bool, fact: DossierFact) -> str:
    if status_after != status_before:
        return status_after
    return "revised" if revised else f"dossier_{fact.kind}"


def check_steps(artefact_type: ArtefactType, definition_steps: Mapping[str, Any]) -> list[str]:
    """What is wrong between an owner's table and the workflow's definition of its dossier type (empty: fine)."""
    unknown = sorted(artefact_type.step_keys - set(definition_steps))
    return [f"{artefact_type.service}/{artefact_type.kind}: step key {key!r} is not a step of dossier type "
            f"{artefact_type.dossier_type} ({', '.join(sorted(definition_steps))})" for key in unknown]
