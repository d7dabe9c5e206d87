"""JSON the workflow stores carries a format version; older formats are upgraded when they are read.

As SpiffWorkflow's serializer does: a stored document is ``{"format": N, "kind": K, "body": ...}``.
Reading one of an older format runs the chain of migrations of its kind up to ``FORMAT``; one of a
newer format (written by a later release, then rolled back) is refused with a clear error instead of
being misread. Format 1 is what the releases before this one wrote: the bare body, no envelope.

Kinds: ``definition`` (the dossier type a dossier was opened with), ``draft`` (what "Chưa chuyển"
saved), ``next`` (the route a history record chose). A change to one of them adds a function to its
chain and raises ``FORMAT``; old rows keep loading.
"""
from __future__ import annotations

from collections.abc import Callable

FORMAT = 3


class StoredFormatTooNew(RuntimeError):
    """A document written by a newer release of the workflow service."""


def _envelope_only(body):
    """1 -> 2: the body is unchanged; it is wrapped with its format from now on."""
    return body


def _unchanged(body):
    """2 -> 3 of a kind that did not change (the format number is shared by every kind)."""
    return body


def _steps_may_need_a_reason(body):
    """2 -> 3: steps gained ``reject_needs_reason`` (absent: false, as before)."""
    steps = [dict(step, reject_needs_reason=step.get("reject_needs_reason", False)) for step in body.get("steps", [])]
    return dict(body, steps=steps)


MIGRATIONS: dict[str, dict[int, Callable]] = {
    "definition": {1: _envelope_only, 2: _steps_may_need_a_reason},
    "draft": {1: _envelope_only, 2: _unchanged},
    "next": {1: _envelope_only, 2: _unchanged},
}


def wrap(kind: str, body) -> dict | None:
    """The document to store for ``body`` (None stays None)."""
    if body is None:
        return None
    return {"format": FORMAT, "kind": kind, "body": body}


def unwrap(kind: str, document):
    """The body of a stored document, upgraded to the current format."""
    if document is None:
        return None
    if isinstance(document, dict) and "format" in document and "body" in document:
        version, body = int(document["format"]), document["body"]
        if document.get("kind", kind) != kind:
            raise ValueError(f"stored {document.get('kind')} read as {kind}")
    else:
        version, body = 1, document
    if version > FORMAT:
        raise StoredFormatTooNew(f"a stored {kind} has format {version}; this release reads up to {FORMAT}")
    chain = MIGRATIONS[kind]
    while version < FORMAT:
        body = chain[version](body)
        version += 1
    return body
