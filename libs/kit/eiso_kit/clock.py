"""Time in one place: UTC inside, the unit's time zone for deadlines and display."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def local_today(tz: str, now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(ZoneInfo(tz)).date()


def add_working_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Monday to Friday; public holidays are not modelled), for the
    default deadline a service gives a dossier step it routes itself."""
    current, remaining = start, max(0, days)
    while remaining:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
