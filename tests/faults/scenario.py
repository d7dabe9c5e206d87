"""One fault run: the cluster up, flows running, faults injected on a schedule, then the reconciliation.

Shared by the short run in the test suite (tests/faults/test_faults.py) and the long one
(``./eiso bench faults``).
"""
from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from broker import PrivateBroker
from cluster import Cluster
from driver import Api, Load, time_to_recover
from reconcile import bind_outside_consumer, outbox_left, reconcile

from eiso_kit.clock import local_today
from eiso_kit.settings import SERVICES
from eiso_kit.testing import servers

# What needs each part: the request that proves it answers again after its fault.
PROBES = {
    "context": "/me", "workflow": "/inbox", "quality": "/quality/policies", "documents": "/health",
    "audit": "/health", "review": "/health", "gateway": "/me", "broker": "/health",
}


@dataclass(frozen=True)
class Fault:
    at: float            # seconds after the load started
    target: str          # a process name, or "broker"
    stay_down: float = 1.0

    def describe(self) -> str:
        if self.target == "broker":
            return "RabbitMQ stop_app; start_app"
        return f"kill -9 {self.target}" + (f" (kept down {self.stay_down:.0f} s)" if self.stay_down > 1 else "")


# Faults overlap: quality is killed and kept down (its events wait for it) while the broker restarts and
# the workflow is killed; then every other process, then the broker again while flows are in flight.
SHORT_SCHEDULE = (
    Fault(4, "quality", stay_down=10), Fault(6, "broker"), Fault(9, "workflow"), Fault(16, "gateway"),
    Fault(21, "context"), Fault(26, "documents"), Fault(29, "audit"), Fault(29, "review"), Fault(33, "broker"),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_up(api: Api, cluster: Cluster, patience: float = 120) -> None:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if time_to_recover(api, "/health", who="-", patience=2) < 2:
            return
    raise RuntimeError("eISO did not become healthy:\n" + "\n".join(
        f"--- {name}\n{cluster.logs(name, 1500)}" for name in cluster.managed))


def run(workdir: Path, schedule=SHORT_SCHEDULE, flows_at_least: int = 20, workers: int = 3,
        repeat_every: float | None = None, max_seconds: float = 900, on_progress=None) -> dict:
    """Run the scenario; return the report (its "problems" list empty when everything held).

    ``repeat_every``: start the schedule again every that many seconds until the flows are done (the
    long run); otherwise it runs once and the flows continue until ``flows_at_least`` completed.
    """
    broker = PrivateBroker().start()
    databases = {service: servers.create_database() for service in SERVICES}
    gateway_port = _free_port()
    env = Cluster.environment(broker.amqp_uri, databases, workdir, gateway_port, _free_port())
    bind_outside_consumer(broker.amqp_uri)  # before anything is published, as a real subscriber would be
    cluster = Cluster(env, workdir, gateway_port).start()
    api = Api(f"http://127.0.0.1:{gateway_port}")
    report: dict = {}
    try:
        _wait_up(api, cluster)
        leader_id = api.person("lanhdao")["id"]
        api.person("thuky")
        load = Load(api, uuid.uuid4().hex[:6], local_today("Asia/Ho_Chi_Minh"), workers).start()
        started = time.monotonic()
        recoveries: list[dict] = []
        probes: list[threading.Thread] = []

        def inject(fault: Fault) -> None:
            if fault.target == "broker":
                down = broker.restart_app()
                seconds = time_to_recover(api, PROBES["broker"])
                recoveries.append({"fault": fault.describe(), "broker_down_s": round(down, 1),
                                   "recovered_s": round(down + seconds, 1)})
                return
            cluster.kill9(fault.target, stay_down=fault.stay_down)
            time.sleep(0.5)  # let the supervisor see it die before probing
            recoveries.append({"fault": fault.describe(),
                               "recovered_s": round(0.5 + time_to_recover(api, PROBES[fault.target]), 1)})

        done = threading.Event()

        def injector() -> None:
            cycle = 0
            while True:
                offset = cycle * repeat_every if repeat_every else 0.0
                for fault in schedule:
                    while time.monotonic() < started + offset + fault.at:
                        if done.is_set():
                            return
                        time.sleep(0.2)
                    probe = threading.Thread(target=inject, args=(fault,), daemon=True)
                    probe.start()
                    probes.append(probe)
                cycle += 1
                if not repeat_every:
                    return

        faults = threading.Thread(target=injector, daemon=True)
        faults.start()
        while load.completed < flows_at_least or (faults.is_alive() and not repeat_every):
            if on_progress:
                on_progress(load, recoveries)
            if time.monotonic() - started > max_seconds:
                break
            time.sleep(1)
        done.set()
        faults.join()
        load.finish()
        for probe in probes:
            probe.join()
        elapsed = time.monotonic() - started
        # Quiet now: wait until every outbox has published what it holds (bounded).
        deadline = time.monotonic() + 90
        while outbox_left(databases) and time.monotonic() < deadline:
            time.sleep(1)
        time.sleep(2)  # the last events reach the consumers
        report = reconcile(load.flows, databases, broker.amqp_uri, leader_id)
        report.update({
            "flows_started": len(load.flows), "flows_completed": load.completed,
            "transitions": sum(len(f.acked) for f in load.flows),
            "seconds": round(elapsed, 1), "faults": recoveries,
            "max_recovery_s": max((r["recovered_s"] for r in recoveries), default=0.0),
            "restarts": cluster.restarts(), "answers": dict(api.seen), "flow_failures": load.failures[:20],
        })
        if load.failures:
            report["problems"].append(f"{len(load.failures)} flows failed: {load.failures[:3]}")
        slow = [r for r in recoveries if r["recovered_s"] > 30]
        if slow:
            report["problems"].append(f"recovery over 30 s: {slow}")
        dead = {name: codes for name, codes in cluster.restarts().items() if any(c not in (-9, 3) for c in codes)}
        if dead:
            report["problems"].append(f"processes exited unexpectedly (code not -9 or 3): {dead}")
    finally:
        exit_codes = cluster.stop()
        report["exit_codes_at_stop"] = exit_codes
        broker.stop()
        for url in databases.values():
            servers.drop_database(url)
        (workdir / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    return report
