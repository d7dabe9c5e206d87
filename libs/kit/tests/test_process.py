"""A service process that has lost its container exits non-zero at once, and its liveness file says so.

Also: an RPC answer that cannot be sent (the broker went away) does not kill the service.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nameko.exceptions import RpcTimeout, UnknownService
from nameko.rpc import Responder
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_kit.config import nameko_config
from eiso_kit.process import liveness
from eiso_kit.process.watch import DIED
from eiso_kit.testing.waiting import wait_until

import fragile_app

HERE = Path(__file__).parent


def _serve(settings_env: dict, tmp_path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(HERE), **settings_env)
    log = open(tmp_path / "serve.log", "w")
    return subprocess.Popen([sys.executable, "-m", "eiso_kit.serve", "fragile_app:Fragile"], env=env,
                            stdout=log, stderr=subprocess.STDOUT)


@pytest.fixture
def served(rabbit_vhost, tmp_path, make_settings):
    run_dir = tmp_path / "run"
    env = {"EISO_AMQP_URI": rabbit_vhost, "EISO_DATA_DIR": str(tmp_path / "var"), "EISO_RUN_DIR": str(run_dir)}
    process = _serve(env, tmp_path)
    settings = make_settings(amqp_uri=rabbit_vhost)
    alive_file = liveness.liveness_path(run_dir, ["fragile"])
    yield process, nameko_config(settings), alive_file
    if process.poll() is None:
        process.kill()
        process.wait()


def _answer(config, method="ping", timeout=10.0):
    with ClusterRpcProxy(config, timeout=timeout) as rpc:
        return getattr(rpc.fragile, method)()


def _started(config) -> bool:
    try:
        return _answer(config) == "pong"
    except UnknownService:  # its queue is not declared yet
        return False


@pytest.mark.integration
def test_a_dead_container_ends_the_process_with_the_restart_code(served):
    process, config, alive_file = served
    assert wait_until(lambda: _started(config), timeout=30, interval=0.5)
    assert wait_until(lambda: liveness.check(alive_file)[0], timeout=15)

    _answer(config, "break_down")

    assert process.wait(timeout=20) == DIED
    alive, why = liveness.check(alive_file)
    assert not alive and "failing" in why and "RuntimeError" in why


@pytest.mark.integration
def test_sigterm_stops_cleanly_and_removes_the_liveness_file(served):
    process, config, alive_file = served
    assert wait_until(lambda: _started(config), timeout=30, interval=0.5)
    assert wait_until(alive_file.exists, timeout=15)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert not alive_file.exists()


def test_liveness_check_reads_status_and_age(tmp_path):
    path = tmp_path / "x.alive.json"
    assert liveness.check(path)[0] is False
    liveness.write(path, "ok", {"x": "running"})
    assert liveness.check(path)[0] is True
    assert liveness.check(path, now=time.time() + 60)[0] is False  # stale: the loop stopped writing
    liveness.write(path, "failing", {"x": "died"}, "x: RuntimeError")
    alive, why = liveness.check(path)
    assert not alive and "RuntimeError" in why
    assert json.loads(path.read_text())["containers"] == {"x": "died"}


def test_an_answer_that_cannot_be_sent_leaves_the_service_running(memory_bus, make_settings, run_services,
                                                                   monkeypatch):
    """The broker is outside the service: its refusal is simulated on nameko's reply publisher only."""
    config = nameko_config(make_settings())
    run_services(config, fragile_app.Fragile)
    real_send = Responder.send_response
    failures = []

    def refused_once(self, result, exc_info):
        if not failures:
            failures.append(1)
            raise ConnectionRefusedError(111, "Connection refused")
        return real_send(self, result, exc_info)

    monkeypatch.setattr(Responder, "send_response", refused_once)
    with pytest.raises(RpcTimeout):
        _answer(config, timeout=2)
    assert failures == [1]
    assert _answer(config) == "pong"  # nameko's own entrypoint would have killed the container
