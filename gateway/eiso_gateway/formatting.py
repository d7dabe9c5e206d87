"""How values look on screen: dd/mm/yyyy, "Sáng 29/09/2021", 98,00.

Timestamps arrive in UTC; they are shown in the unit's time zone
(``EISO_TIMEZONE``), as deadlines are. Percentages use a decimal comma in
Vietnamese and a point in English, as the manual's tables do.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from .i18n import current_language, translate


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("EISO_TIMEZONE", "Asia/Ho_Chi_Minh"))


def local(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(_zone())


def today() -> date:
    return datetime.now(timezone.utc).astimezone(_zone()).date()


def fmt_date(value: date | datetime | str | None) -> str:
    """``29/09/2021``; an empty string for nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%Y")


def fmt_datetime(value: datetime | None) -> str:
    """``29/09/2021 14:05`` in the unit's time zone."""
    if value is None:
        return ""
    return local(value).strftime("%d/%m/%Y %H:%M")


def fmt_done(done_at: datetime | None, half_day: str | None = None) -> str:
    """``Sáng 29/09/2021`` when the workflow says which half of the day, else the date."""
    if done_at is None:
        return ""
    shown = fmt_date(done_at)
    return f"{translate(half_day)} {shown}" if half_day else shown


def fmt_percent(value: float | int | None, digits: int = 2) -> str:
    """``98,00`` (vi) / ``98.00`` (en)."""
    if value is None:
        return ""
    text = f"{float(value):,.{digits}f}"  # 1,234.50
    if current_language() == "vi":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def parse_date(text: str | None) -> date | None:
    """Accept what a date input sends (yyyy-mm-dd) and what people type (dd/mm/yyyy)."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def add_working_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Monday-Friday); public holidays are the workflow's business."""
    current = start
    remaining = max(0, days)
    while remaining:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        date=fmt_date, datetime=fmt_datetime, percent=fmt_percent,
    )
    app.jinja_env.globals.update(fmt_done=fmt_done)
