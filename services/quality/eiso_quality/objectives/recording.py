"""Ghi nhận: which version is in force when dossiers complete, decided by the workflow's order."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.events.quality import ObjectivesRecorded

from eiso_kit.dossiers import succession

from .aggregate import IN_FORCE, SUPERSEDED, Objectives


def record(objectives: Objectives, in_force: Objectives | None, by: str, at: datetime) -> tuple[
        Objectives | None, ObjectivesRecorded]:
    """Record ``objectives`` (its dossier completed at ``at``); return the version it retires and the announcement.

    ``in_force`` is the unit's version in force, read under the unit's lock. The
    dossier the workflow completed LATER stays in force, as for the quality
    policy (``eiso_kit.dossiers.succession``): a completion applied after a
    newer one is still announced, as recorded and already replaced.
    """
    order = succession(objectives, in_force, at, completed_at=lambda other: other.recorded_at)
    objectives.recorded_by, objectives.recorded_at = by, at
    objectives.status = IN_FORCE if order.in_force else SUPERSEDED
    if order.retired is not None:
        order.retired.status = SUPERSEDED
    return order.retired, _recorded(objectives, order.in_force, order.replaces, order.superseded_by)


def _recorded(objectives: Objectives, in_force: bool = True, replaces: str | None = None,
              superseded_by: str | None = None) -> ObjectivesRecorded:
    return ObjectivesRecorded(objectives_id=objectives.id, unit_code=objectives.unit_code, year=objectives.year,
                              content=objectives.content, recorded_by=objectives.recorded_by,
                              recorded_at=objectives.recorded_at, dossier_code=objectives.dossier_code,
                              replaces_objectives_id=replaces, in_force=in_force,
                              superseded_by_objectives_id=superseded_by)
