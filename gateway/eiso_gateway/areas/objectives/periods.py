"""Kỳ đo lường: the periods of a year for a measurement period (month, quarter, year) and their labels."""
from __future__ import annotations

from ...i18n import translate as _


def choices(period: str, year: int) -> list[tuple[str, str]]:
    """(period key, label) of every period of ``year``: "2026-03" "Tháng 3/2026", "2026-Q1" "Quý 1/2026", ..."""
    if period == "month":
        return [(f"{year}-{m:02d}", _("Tháng {m}/{year}", m=m, year=year)) for m in range(1, 13)]
    if period == "quarter":
        return [(f"{year}-Q{q}", _("Quý {q}/{year}", q=q, year=year)) for q in range(1, 5)]
    return [(str(year), _("Năm {year}", year=year))]


def label(key: str) -> str:
    """The label of a period key."""
    if len(key) == 7 and key[5] == "Q":
        return _("Quý {q}/{year}", q=int(key[6]), year=key[:4])
    if len(key) == 7:
        return _("Tháng {m}/{year}", m=int(key[5:]), year=key[:4])
    return _("Năm {year}", year=key)
