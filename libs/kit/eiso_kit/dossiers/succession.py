"""Which version of a unit's artefact is in force when dossiers complete: the workflow's order decides.

Policies (type 1) and quality objectives (type 3) follow the same rule: the one
whose dossier the workflow completed LATER stays in force, whichever handler
runs first. A completion applied after a newer one is still announced, as done
and already replaced.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Succession:
    retired: Any | None          # the version it replaces (to be marked superseded), or None
    in_force: bool               # False: a newer completion is in force already
    replaces: str | None         # id of the retired version
    superseded_by: str | None    # id of the newer version in force (when ``in_force`` is False)


def succession(artefact: Any, in_force: Any | None, at: datetime,
               completed_at: Callable[[Any], datetime | None]) -> Succession:
    """``artefact``'s dossier completed at ``at``; ``in_force`` is the unit's version in force (read locked)."""
    if in_force is not None and in_force.unit_code != artefact.unit_code:
        raise ValueError(f"the {type(artefact).__name__} in force of another unit was given")
    other = in_force if in_force is not None and in_force.id != artefact.id else None
    if other is not None and completed_at(other) is not None and completed_at(other) > at:
        return Succession(retired=None, in_force=False, replaces=None, superseded_by=other.id)
    return Succession(retired=other, in_force=True, replaces=other.id if other else None, superseded_by=None)
