"""How values look on screen: dd/mm/yyyy, "Sáng 29/09/2021", 98,00 — formatted by Babel for vi and en.

Timestamps arrive in UTC; Flask-Babel shows them in the unit's time zone
(``EISO_TIMEZONE``, its timezone selector), as deadlines are. Dates are
dd/mm/yyyy in both languages, as in the manual; numbers take the language's
decimal sign and grouping from Babel's locale data (98,00 and 1.234,50 in
Vietnamese, 98.00 and 1,234.50 in English).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from flask_babel import format_date, format_datetime, format_decimal

from .i18n import translate

DATE = "dd/MM/yyyy"
DATETIME = "dd/MM/yyyy HH:mm"


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("EISO_TIMEZONE", "Asia/Ho_Chi_Minh"))


def today() -> date:
    return datetime.now(timezone.utc).astimezone(_zone()).date()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


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
        return format_datetime(_aware(value), DATE)   # the day in the unit's time zone
    return format_date(value, DATE)


def fmt_datetime(value: datetime | None) -> str:
    """``29/09/2021 14:05`` in the unit's time zone."""
    return "" if value is None else format_datetime(_aware(value), DATETIME)


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
    return format_decimal(value, format="#,##0." + "0" * digits)


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
