"""Waiting for something that happens through the bus, without asserting how long it takes."""
from __future__ import annotations

import time


def wait_until(check, timeout: float = 15.0, interval: float = 0.02):
    """Call ``check`` until it returns something truthy and return that; fail after ``timeout`` seconds.

    The timeout only bounds a hung test: it is never the thing under test.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"condition not met within {timeout}s: {getattr(check, '__name__', check)}")
        time.sleep(interval)
