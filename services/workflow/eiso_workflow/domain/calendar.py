"""Working days, for default deadlines ("Hạn cuối xử lý").

Working days are Monday to Friday. Public holidays (Tết, 30/4, 2/9, ...) are
NOT modelled: they move every year and are decreed per year, so a default
deadline that falls in a holiday is simply later than it should be by the
holiday's length; the handler can always pick another date in the form.
"""
from __future__ import annotations

from datetime import date, timedelta


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself when ``days`` is 0).

    Counting starts the day after ``start``: a step entered on Friday with 2
    working days is due on Tuesday. With 0 days a step entered on a weekend
    is due that very day (nothing to count).
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
