"""The daily upload quota: how much one person may still upload today, in the system's time zone."""
from __future__ import annotations

import math
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from eiso_contracts.errors import TooManyRequests

from .errors import mib_label


def day_bounds(now: datetime, timezone: str) -> tuple[datetime, datetime]:
    """Start of today and of tomorrow (aware, in ``timezone``) for an aware ``now``."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time(), tzinfo=zone)
    return start, datetime.combine(today + timedelta(days=1), time(), tzinfo=zone)


def exceeded(quota_bytes: int, now: datetime, timezone: str) -> TooManyRequests:
    """The refusal, with the seconds until midnight (when the quota starts again)."""
    _, tomorrow = day_bounds(now, timezone)
    wait = max(1, math.ceil((tomorrow - now).total_seconds()))
    return TooManyRequests(f"Bạn đã tải lên hết dung lượng cho phép trong ngày (tối đa {mib_label(quota_bytes)} MB). "
                           "Vui lòng thử lại vào ngày mai.", {"retry_after": wait})
