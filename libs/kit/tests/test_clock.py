"""Working days for the deadlines a service gives a step it routes itself."""
from datetime import date

from eiso_kit.clock import add_working_days


def test_working_days_skip_the_weekend_and_count_from_the_next_day():
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == date(2026, 11, 30)      # Monday
    assert add_working_days(friday, 5) == date(2026, 12, 4)       # the Friday after
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)   # from a Saturday
