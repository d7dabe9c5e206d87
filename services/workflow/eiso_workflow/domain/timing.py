"""The colour legend of a step against its deadline (Trước hạn / Đúng hạn / Trễ hạn / Chưa/Không đi qua).

A done step compares the local date it was done on with its deadline; the
current step compares today, so it turns "late" the day after its deadline.
Deadlines are dates in the unit's time zone, never instants.
"""
from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Literal

from eiso_contracts.rpc.workflow import TIMING_LABELS

Timing = Literal["late", "on_time", "early", "not_reached"]
HalfDay = Literal["Sáng", "Chiều"]


def compare(day: date, deadline: date | None) -> Timing:
    if deadline is None:
        return "on_time"  # a step without a deadline (step 1, done at opening) cannot be late
    if day < deadline:
        return "early"
    if day == deadline:
        return "on_time"
    return "late"


def done_timing(done_at: datetime, deadline: date | None, tz: tzinfo) -> Timing:
    return compare(done_at.astimezone(tz).date(), deadline)


def current_timing(today: date, deadline: date | None) -> Timing:
    return compare(today, deadline)


def half_day(moment: datetime, tz: tzinfo) -> HalfDay:
    """"Sáng" (morning) before 12:00 local time, else "Chiều" (afternoon), as the timeline prints it."""
    return "Sáng" if moment.astimezone(tz).hour < 12 else "Chiều"


def label(timing: Timing) -> str:
    return TIMING_LABELS[timing]
