"""Base class and registry of event data models.

Each subclass declares ``event_type`` (``<service>.<entity>.<fact>.v<N>``).
A breaking change is a new class with a new ``vN`` type, published beside
the old one for a while; a compatible change (a new optional field) keeps it.
"""
from __future__ import annotations

import re
from typing import ClassVar

from pydantic import ConfigDict

from ..base import Contract

REGISTRY: dict[str, type["EventData"]] = {}
_TYPE = re.compile(r"^[a-z]+\.[a-z_]+\.[a-z_]+\.v[0-9]+$")


class EventData(Contract):
    """The ``data`` of a public event: identifiers and facts, never file bytes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: ClassVar[str]
    summary: ClassVar[str] = ""
    # Queues ("<service>.<name>") that consume this type, beyond the ones the topology derives
    # (the workflow for every "submitted" event, each owner for its dossiers' progress).
    consumers: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        event_type = cls.__dict__.get("event_type")
        if event_type is None:
            return  # an abstract helper, not a published event
        if not _TYPE.match(event_type):
            raise ValueError(f"bad event type {event_type!r}")
        if event_type in REGISTRY:
            raise ValueError(f"event type {event_type!r} declared twice")
        REGISTRY[event_type] = cls


def event_model(event_type: str) -> type[EventData]:
    try:
        return REGISTRY[event_type]
    except KeyError:
        from ..errors import InvalidInput
        raise InvalidInput(f"unknown event type {event_type!r}") from None
