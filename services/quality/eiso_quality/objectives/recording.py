"""Ghi nhận: which version is in force when dossiers complete, decided by the workflow's order."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.events.quality import ObjectivesRecorded

from .aggregate import IN_FORCE, SUPERSEDED, Objectives


def record(objectives: Objectives, in_force: Objectives | None, by: str, at: datetime) -> tuple[
        Objectives | None, ObjectivesRecorded]:
    """Record ``objectives`` (its dossier completed at ``at``); return the version it retires and the announcement.

    ``in_force`` is the unit's version in force, read under the unit's lock. The
    dossier the workflow completed LATER stays in force, whichever handler runs
    first (as for the quality policy): a completion applied after a newer one is
    still announced, as recorded and already replaced.
    """
    if in_force is not None and in_force.unit_code != objectives.unit_code:
        raise ValueError("the objectives in force of another unit were given")
    other = in_force if in_force is not None and in_force.id != objectives.id else None
    objectives.recorded_by, objectives.recorded_at = by, at
    if other is not None and other.recorded_at is not None and other.recorded_at > at:
        objectives.status = SUPERSEDED
        return None, _recorded(objectives, in_force=False, superseded_by=other.id)
    if other is not None:
        other.status = SUPERSEDED
    objectives.status = IN_FORCE
    return other, _recorded(objectives, replaces=other.id if other else None)


def _recorded(objectives: Objectives, in_force: bool = True, replaces: str | None = None,
              superseded_by: str | None = None) -> ObjectivesRecorded:
    return ObjectivesRecorded(objectives_id=objectives.id, unit_code=objectives.unit_code, year=objectives.year,
                              content=objectives.content, recorded_by=objectives.recorded_by,
                              recorded_at=objectives.recorded_at, dossier_code=objectives.dossier_code,
                              replaces_objectives_id=replaces, in_force=in_force,
                              superseded_by_objectives_id=superseded_by)
