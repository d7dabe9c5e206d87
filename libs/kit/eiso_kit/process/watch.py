"""Run a ServiceRunner until SIGTERM, or until one of its containers dies.

nameko kills a container when one of its threads fails unexpectedly (for
example when the broker vanished while it sent an RPC reply), but the process
carries on with no consumer and no broker connection: alive to a supervisor,
dead to every caller. Here each container is watched; when one dies the
process says so in its liveness file and in the log, and exits with
``DIED`` at once, so compose, Kubernetes or the run command start it again.
"""
from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import eventlet
from eventlet.event import Event
from nameko.runners import ServiceRunner

from . import liveness

log = logging.getLogger(__name__)

DIED = 3               # exit code: a container died; restart me
HEARTBEAT = 5.0        # seconds between rewrites of the liveness file
STOP_TIMEOUT = 20.0    # seconds a graceful stop may take (compose waits 30 s before SIGKILL)


def run_until_stopped(runner: ServiceRunner, alive_file: Path | None = None,
                      stop_timeout: float = STOP_TIMEOUT) -> int:
    """Block until SIGTERM/SIGINT (graceful stop, returns 0) or a container's death (returns ``DIED``)."""
    outcome: Event = Event()
    states = {container.service_name: "running" for container in runner.containers}

    def _on_signal(signum, frame):
        if not outcome.ready():
            outcome.send(("signal", signal.Signals(signum).name))

    def _watch(container):
        try:
            container.wait()
        except Exception as exc:  # the container was killed by an error
            states[container.service_name] = "died"
            if not outcome.ready():
                outcome.send(("died", f"{container.service_name}: {type(exc).__name__}: {exc}"))
            return
        states[container.service_name] = "stopped"
        if not outcome.ready():  # stopped without being asked: as bad as a death
            outcome.send(("died", f"{container.service_name}: stopped by itself"))

    def _heartbeat():
        while True:
            status = "ok" if all(state == "running" for state in states.values()) else "failing"
            try:
                liveness.write(alive_file, status, dict(states))
            except OSError as exc:
                log.warning("cannot write the liveness file %s: %s", alive_file, exc)
            eventlet.sleep(HEARTBEAT)

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    watchers = [eventlet.spawn(_watch, container) for container in runner.containers]
    beat = eventlet.spawn(_heartbeat) if alive_file is not None else None
    kind, detail = outcome.wait()
    for thread in watchers + ([beat] if beat else []):
        thread.kill()
    if kind == "died":
        log.critical("service container died (%s); exiting with code %d so that the supervisor restarts "
                     "this process", detail, DIED)
        if alive_file is not None:
            liveness.write(alive_file, "failing", dict(states), detail)
        _kill_quickly(runner)
        return DIED
    log.info("%s received; stopping (at most %.0f s)", detail, stop_timeout)
    try:
        with eventlet.Timeout(stop_timeout):
            runner.stop()
    except eventlet.Timeout:
        log.error("graceful stop took longer than %.0f s; killing the containers", stop_timeout)
        _kill_quickly(runner)
    if alive_file is not None:
        try:
            os.unlink(alive_file)
        except OSError:
            pass
    return 0


def _kill_quickly(runner: ServiceRunner, timeout: float = 5.0) -> None:
    """Kill what is left without waiting on a broker that may be gone; unacked work is redelivered."""
    try:
        with eventlet.Timeout(timeout):
            runner.kill()
    except eventlet.Timeout:
        log.error("killing the containers took longer than %.0f s; leaving them", timeout)
    except Exception:  # a dead container may fail to die twice
        log.exception("killing the containers failed")
