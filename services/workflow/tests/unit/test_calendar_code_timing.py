"""Working days, dossier codes and the deadline colour legend."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from workflow_fakes import TZ, at_local

from eiso_workflow.domain.calendar import add_working_days, is_working_day
from eiso_workflow.domain.code import dossier_code, looks_like_code, normalise_code
from eiso_workflow.domain.timing import compare, current_timing, done_timing, half_day, label

MON, FRI, SAT, SUN = date(2026, 9, 28), date(2026, 10, 2), date(2026, 10, 3), date(2026, 10, 4)


@pytest.mark.parametrize("start, days, due", [
    (MON, 0, MON),
    (MON, 1, date(2026, 9, 29)),
    (MON, 4, FRI),
    (MON, 5, date(2026, 10, 5)),     # skips the weekend
    (FRI, 1, date(2026, 10, 5)),     # Friday + 1 -> Monday
    (FRI, 2, date(2026, 10, 6)),
    (SAT, 1, date(2026, 10, 5)),
    (SUN, 0, SUN),
    (MON, 10, date(2026, 10, 12)),
])
def test_working_days_skip_weekends(start, days, due):
    assert add_working_days(start, days) == due


def test_working_days_refuse_negative_counts():
    assert is_working_day(FRI) and not is_working_day(SAT) and not is_working_day(SUN)
    with pytest.raises(ValueError):
        add_working_days(MON, -1)


def test_dossier_code_format():
    assert dossier_code("3", 2021, 152, "SONGANH") == "3-2021-152-SONGANH"
    assert dossier_code("1", 2026, 1, "songanh") == "1-2026-1-SONGANH"
    assert normalise_code("  1-2026-7-songanh ") == "1-2026-7-SONGANH"
    assert looks_like_code("2-2021-3-SONGANH") and not looks_like_code("2-21-3-SONGANH")
    with pytest.raises(ValueError):
        dossier_code("1", 2026, 0, "SONGANH")


def test_timing_compares_dates():
    deadline = date(2026, 9, 29)
    assert compare(date(2026, 9, 28), deadline) == "early"
    assert compare(deadline, deadline) == "on_time"
    assert compare(date(2026, 9, 30), deadline) == "late"
    assert compare(date(2030, 1, 1), None) == "on_time"
    assert current_timing(date(2026, 9, 30), deadline) == "late"
    assert [label(t) for t in ("early", "on_time", "late", "not_reached")] == [
        "Trước hạn", "Đúng hạn", "Trễ hạn", "Chưa/Không đi qua"]


def test_done_timing_uses_the_local_date_not_utc():
    deadline = date(2026, 9, 29)
    # 23:30 on the 29th in Vietnam is 16:30 UTC the same day: on time.
    assert done_timing(at_local(2026, 9, 29, 23, 30), deadline, TZ) == "on_time"
    # 06:30 on the 30th in Vietnam is still the 29th in UTC: late all the same.
    late = at_local(2026, 9, 30, 6, 30)
    assert late.date() == date(2026, 9, 29)
    assert done_timing(late, deadline, TZ) == "late"


def test_half_day_is_morning_before_noon_local_time():
    assert half_day(datetime(2026, 9, 29, 4, 59, tzinfo=timezone.utc), TZ) == "Sáng"   # 11:59 local
    assert half_day(datetime(2026, 9, 29, 5, 0, tzinfo=timezone.utc), TZ) == "Chiều"   # 12:00 local
    assert half_day(datetime(2026, 9, 28, 17, 30, tzinfo=timezone.utc), TZ) == "Sáng"  # 00:30 next day local
