"""Lockout after repeated failed logins: 5 consecutive failures lock a username for 15 minutes.

Failures are counted per username whether or not such an account exists, and
count the same way for a wrong password, an unknown name or a deactivated
account, so neither the answer nor the lockout tells which usernames exist.
A successful login forgets the failures. Attempts during a lock are refused
(the right password too) without extending it, and are not counted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from eiso_contracts.errors import AuthenticationFailed

LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)


POLICY = LockoutPolicy()


@dataclass(frozen=True)
class Attempts:
    """The failed-login record of one username."""

    failures: int = 0
    locked_until: datetime | None = None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    @property
    def clean(self) -> bool:
        return self.failures == 0 and self.locked_until is None


def after_failure(attempts: Attempts, now: datetime, policy: LockoutPolicy = POLICY) -> Attempts:
    """The record after one more failure at ``now``."""
    if attempts.locked(now):
        return attempts
    failures = 1 if attempts.locked_until is not None else attempts.failures + 1  # a lock served starts over
    if failures >= policy.max_failures:
        return Attempts(failures, now + policy.lock_for)
    return Attempts(failures, None)


def require_not_locked(attempts: Attempts, now: datetime) -> None:
    if attempts.locked(now):
        raise AuthenticationFailed(LOCKED)
