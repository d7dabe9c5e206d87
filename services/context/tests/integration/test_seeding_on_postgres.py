"""Demo data on PostgreSQL: loaded once, however many times and copies start."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from eiso_context.models import plumbing
from eiso_kit.db.audit import verify

pytestmark = pytest.mark.integration

LOADED = "demo data loaded: unit SONGANH"
SKIPPED = ("demo data already present (unit SONGANH); skipped",
           "demo data loaded by another copy at the same moment (unit SONGANH); skipped")


def test_starting_twice_loads_the_demo_data_once(start_context, pg_engine, organisation_counts):
    start_context().stop()
    start_context()
    assert organisation_counts() == (1, 5, 6)
    with pg_engine.connect() as conn:
        assert verify(conn, plumbing.audit) == []


def _wait_for_seeding(logs, timeout=90.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
        if all(LOADED in t or any(s in t for s in SKIPPED) for t in texts):
            return texts
        time.sleep(0.2)
    raise AssertionError("the copies did not finish seeding:\n" + "\n----\n".join(t[-3000:] for t in texts))


def test_two_copies_starting_at_once_load_one_organisation(pg_db, rabbit_vhost, organisation_counts, tmp_path):
    env = dict(os.environ, EISO_AMQP_URI=rabbit_vhost, EISO_CONTEXT_DB_URL=pg_db, EISO_DEMO_DATA="1",
               EISO_DATA_DIR=str(tmp_path / "var"), EISO_LOG_LEVEL="INFO")
    logs = [tmp_path / f"copy{i}.log" for i in range(2)]
    copies = []
    try:
        for log in logs:
            with open(log, "wb") as out:
                copies.append(subprocess.Popen(
                    [sys.executable, "-m", "eiso_kit.serve", "eiso_context.service:ContextService"],
                    env=env, stdout=out, stderr=subprocess.STDOUT))
        texts = _wait_for_seeding(logs)
        assert all(copy.poll() is None for copy in copies), "a copy died"
    finally:
        for copy in copies:
            if copy.poll() is None:
                copy.send_signal(signal.SIGTERM)
        for copy in copies:
            try:
                copy.wait(timeout=30)
            except subprocess.TimeoutExpired:
                copy.kill()
                copy.wait()
    assert sum(LOADED in t for t in texts) == 1
    assert organisation_counts() == (1, 5, 6)
    assert not any("Traceback" in t for t in texts), "\n----\n".join(texts)
