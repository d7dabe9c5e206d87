"""Argon2 off the event loop, a bounded number at a time.

A password check costs an Argon2id hash (64 MiB, tens of milliseconds of CPU). Run on the
service's eventlet hub it would stop every other request of the process while it lasts, so a
handful of clients trying passwords slowed everyone's pages (each page asks ``check_session``).
Here each hash runs in eventlet's pool of OS threads (argon2-cffi releases the GIL), so the hub
keeps answering; at most ``CONCURRENT`` hashes run at once per process (a container has one CPU
and 256 MiB: more would only queue in the kernel and use memory). A caller that cannot start
within ``WAIT_SECONDS`` is told the service is busy (``ServiceUnavailable``) instead of waiting.
The gateway limits attempts per address and per account before any of this is paid.
"""
from __future__ import annotations

from typing import Callable, TypeVar

from eiso_contracts.errors import ServiceUnavailable

T = TypeVar("T")

CONCURRENT = 1
WAIT_SECONDS = 5.0
BUSY = "Hệ thống đang bận xử lý nhiều lượt đăng nhập. Vui lòng thử lại sau ít phút."


class HashingGate:
    """Runs slow hashing work in an OS thread, ``concurrent`` at a time, waiting at most ``wait`` seconds."""

    def __init__(self, concurrent: int = CONCURRENT, wait: float = WAIT_SECONDS):
        from eventlet import semaphore

        self._slots = semaphore.Semaphore(concurrent)
        self.wait = wait

    def run(self, work: Callable[[], T]) -> T:
        from eventlet import tpool

        if not self._slots.acquire(timeout=self.wait):
            raise ServiceUnavailable(BUSY)
        try:
            return tpool.execute(work)
        finally:
            self._slots.release()
