"""The hashing gate: slow hashes run in an OS thread (the event loop keeps answering), a bounded
number at a time, and a caller that cannot start soon is told the service is busy."""
from __future__ import annotations

import eventlet
import pytest
from eiso_contracts.errors import ServiceUnavailable

from eiso_context.hashing_gate import BUSY, HashingGate

# The work runs in a real OS thread: it must block on real (not green) threading primitives.
threading = eventlet.patcher.original("threading")


def test_the_work_runs_in_another_os_thread_and_its_result_comes_back():
    here = threading.get_ident()
    assert HashingGate().run(lambda: threading.get_ident()) != here


def test_errors_of_the_work_reach_the_caller():
    def broken():
        raise ValueError("hỏng")

    with pytest.raises(ValueError, match="hỏng"):
        HashingGate().run(broken)


def test_the_event_loop_answers_while_a_hash_runs():
    """A green thread (another RPC) runs to its end while the work blocks its OS thread."""
    release, other_done = threading.Event(), []
    gate = HashingGate()
    worker = eventlet.spawn(gate.run, lambda: release.wait(10))
    eventlet.sleep(0.01)  # the work has started and blocks in its OS thread
    eventlet.spawn(lambda: other_done.append(True)).wait()
    assert other_done == [True] and not worker.dead
    release.set()
    assert worker.wait() is True


def test_beyond_the_bound_a_caller_waits_then_is_told_the_service_is_busy():
    release = threading.Event()
    gate = HashingGate(concurrent=1, wait=0.05)
    first = eventlet.spawn(gate.run, lambda: release.wait(10))
    eventlet.sleep(0.01)
    with pytest.raises(ServiceUnavailable) as busy:
        gate.run(lambda: "never")
    assert busy.value.message == BUSY
    release.set()
    first.wait()
    assert gate.run(lambda: "again") == "again"  # the slot was given back
