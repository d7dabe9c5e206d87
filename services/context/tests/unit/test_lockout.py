from datetime import datetime, timedelta, timezone

import pytest
from eiso_contracts.errors import AuthenticationFailed

from eiso_context.domain.lockout import LOCKED, Attempts, LockoutPolicy, after_failure, require_not_locked


class Clock:
    """An injected clock: starts at a fixed instant, moves only when told."""

    def __init__(self):
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)

    def advance(self, **delta):
        self.now += timedelta(**delta)


def fail(times, record=None, clock=None):
    record, clock = record or Attempts(), clock or Clock()
    for _ in range(times):
        record = after_failure(record, clock.now)
        clock.advance(seconds=10)
    return record


def test_four_failures_do_not_lock():
    record = fail(4)
    assert record == Attempts(failures=4, locked_until=None)
    require_not_locked(record, Clock().now)


def test_the_fifth_consecutive_failure_locks_for_fifteen_minutes():
    clock = Clock()
    record = fail(4, clock=clock)
    record = after_failure(record, clock.now)
    assert record.failures == 5
    assert record.locked_until == clock.now + timedelta(minutes=15)
    with pytest.raises(AuthenticationFailed) as refused:
        require_not_locked(record, clock.now + timedelta(minutes=14, seconds=59))
    assert refused.value.message == LOCKED == ("Tài khoản tạm khóa do đăng nhập sai nhiều lần. "
                                               "Vui lòng thử lại sau 15 phút.")


def test_the_lock_ends_after_fifteen_minutes():
    clock = Clock()
    record = fail(5, clock=clock)
    clock.now = record.locked_until
    require_not_locked(record, clock.now)
    assert not record.locked(clock.now)


def test_failures_while_locked_neither_count_nor_extend_the_lock():
    clock = Clock()
    record = fail(5, clock=clock)
    later = after_failure(record, clock.now + timedelta(minutes=5))
    assert later == record


def test_after_a_served_lock_counting_starts_over():
    clock = Clock()
    record = fail(5, clock=clock)
    clock.now = record.locked_until + timedelta(seconds=1)
    record = after_failure(record, clock.now)
    assert record == Attempts(failures=1, locked_until=None)


def test_policy_is_configurable():
    policy = LockoutPolicy(max_failures=2, lock_for=timedelta(minutes=1))
    now = Clock().now
    record = after_failure(after_failure(Attempts(), now, policy), now, policy)
    assert record.locked_until == now + timedelta(minutes=1)


def test_a_fresh_record_is_clean():
    assert Attempts().clean
    assert not fail(1).clean
