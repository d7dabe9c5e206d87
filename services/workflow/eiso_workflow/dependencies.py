"""nameko dependencies of the workflow service: its dossier types and its local clock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from nameko.extensions import DependencyProvider

from eiso_kit.clock import utcnow
from eiso_kit.config import settings_of

from .catalogue import Catalogue, load_catalogue


class Definitions(DependencyProvider):
    """The catalogue of dossier types, loaded and validated once when the container starts.

    ``folders`` defaults to the packaged ``definitions/``; tests pass extra
    folders (a subclass of the service with ``Definitions(folder, ...)``).
    """

    def __init__(self, *folders: Path):
        self.folders = tuple(Path(f) for f in folders)

    def setup(self):
        self.catalogue = load_catalogue(*self.folders)

    def get_dependency(self, worker_ctx) -> Catalogue:
        return self.catalogue


@dataclass(frozen=True)
class LocalClock:
    """UTC instants for timestamps; dates ("today", deadlines) in the unit's time zone."""

    tz: ZoneInfo

    def now(self) -> datetime:
        return utcnow()

    def today(self, now: datetime | None = None) -> date:
        return (now or utcnow()).astimezone(self.tz).date()


class Clock(DependencyProvider):
    def setup(self):
        self.clock = LocalClock(ZoneInfo(settings_of(self.container.config).timezone))

    def get_dependency(self, worker_ctx) -> LocalClock:
        return self.clock
