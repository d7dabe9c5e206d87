"""Dossier transitions per second, end to end, beside a raw-broker baseline measured in the same run.

One transition: the unit leader approves step 2 of a quality-policy dossier,
editing its motto (``workflow.act`` over RPC) -> the workflow commits the step
and its events (outbox) -> the relay publishes to RabbitMQ with confirms -> the
quality service applies it to the policy, in the dossier's order (inbox, its
own outbox) -> its ``quality.policy.revised`` event reaches an outside consumer. The clock
stops when that event arrives, so the figure covers the owning service's
state change, not just the RPC.

Baseline, same process, same concurrency: raw kombu publish with publisher
confirms to a durable queue -> consumed by a consumer in this process.

Needs the local PostgreSQL and RabbitMQ (EISO_TEST_PG_URL / EISO_TEST_AMQP_URL
to point elsewhere). Services run as separate processes, as in production.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()  # noqa: E402

import argparse  # noqa: E402
import logging  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
import warnings  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
# py-amqp reports late confirms of the client's own closing channels; noise for a benchmark report.
logging.getLogger("amqp").setLevel(logging.ERROR)

from eventlet.event import Event  # noqa: E402
from kombu import Connection, Exchange, Queue  # noqa: E402
from nameko.standalone.rpc import ClusterRpcProxy  # noqa: E402

from bench.stats import cpu_seconds, rss_mib, summary  # noqa: E402
from eiso_kit.config import nameko_config  # noqa: E402
from eiso_kit.events.topology import events_exchange  # noqa: E402
from eiso_kit.settings import load_settings  # noqa: E402
from eiso_kit.testing import servers  # noqa: E402
from eiso_kit.testing.actors import signed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SERVICES = {
    "context": "eiso_context.service:ContextService",
    "workflow": "eiso_workflow.service:WorkflowService",
    "quality": "eiso_quality.service:QualityService",
}


class Arrivals:
    """One consumer in this process; workers wait for the message with their key."""

    def __init__(self, amqp_uri: str, queue: Queue, key_of):
        self.connection = Connection(amqp_uri)
        self.queue = queue
        self.key_of = key_of
        self.waiting: dict[str, Event] = {}
        self.early: dict[str, float] = {}
        self._running = True

    def start(self):
        channel = self.connection.channel()
        self.queue(channel).declare()
        self.consumer = self.connection.Consumer(self.queue, callbacks=[self._on], accept=None, no_ack=True)
        self.consumer.consume()
        self.thread = eventlet.spawn(self._loop)
        return self

    def _loop(self):
        while self._running:
            try:
                self.connection.drain_events(timeout=0.5)
            except (TimeoutError, OSError):
                continue

    def _on(self, body, message):
        now = time.perf_counter()
        key = self.key_of(message)
        waiter = self.waiting.pop(key, None)
        if waiter is None:
            self.early[key] = now
        else:
            waiter.send(now)

    def expect(self, key: str) -> Event:
        waiter = Event()
        if key in self.early:
            waiter.send(self.early.pop(key))
        else:
            self.waiting[key] = waiter
        return waiter

    def stop(self):
        self._running = False
        self.thread.wait()
        self.connection.release()


def run_pool(jobs, concurrency: int, work) -> tuple[list[float], float]:
    """Run ``work(job, slot)`` over ``jobs`` with ``concurrency`` green workers; (latencies, elapsed)."""
    queue = eventlet.queue.LightQueue()
    for job in jobs:
        queue.put(job)
    latencies: list[float] = []

    def worker(slot):
        while True:
            try:
                job = queue.get_nowait()
            except eventlet.queue.Empty:
                return
            latencies.append(work(job, slot))

    started = time.perf_counter()
    pool = [eventlet.spawn(worker, slot) for slot in range(concurrency)]
    for green in pool:
        green.wait()
    return latencies, time.perf_counter() - started


def baseline(amqp_uri: str, count: int, concurrency: int) -> dict:
    """Raw kombu: publish with confirms -> consume, in this process."""
    name = f"bench.baseline.{uuid.uuid4().hex[:6]}"
    queue = Queue(name, exchange=Exchange(""), routing_key=name, durable=True, auto_delete=True)
    arrivals = Arrivals(amqp_uri, queue, key_of=lambda m: m.headers["k"]).start()
    connections = [Connection(amqp_uri, transport_options={"confirm_publish": True}) for _ in range(concurrency)]
    producers = [c.Producer() for c in connections]
    for producer in producers:
        queue(producer.channel).declare()

    def work(job, slot):
        key = f"{job}"
        waiter = arrivals.expect(key)
        started = time.perf_counter()
        producers[slot].publish(b'{"bench": true}', routing_key=name, headers={"k": key}, delivery_mode=2,
                                content_type="application/json", content_encoding="utf-8")
        return waiter.wait() - started

    run_pool(range(min(50, count)), concurrency, work)  # warm-up
    latencies, elapsed = run_pool(range(50, 50 + count), concurrency, work)
    arrivals.stop()
    for connection in connections:
        connection.release()
    return summary(latencies, elapsed)


def start_services(env: dict, logs: Path) -> dict[str, subprocess.Popen]:
    processes = {}
    for name, target in SERVICES.items():
        log = open(logs / f"{name}.log", "w")
        profile = ["-m", "cProfile", "-o", str(logs / f"{name}.prof")] if name in env.get("BENCH_PROFILE", "") else []
        processes[name] = subprocess.Popen([sys.executable, *profile, "-m", "eiso_kit.serve", target], env=env,
                                           stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    return processes


def wait_healthy(config: dict, processes, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    with ClusterRpcProxy(config, timeout=5) as rpc:
        for name in SERVICES:
            while True:
                if processes[name].poll() is not None:
                    raise SystemExit(f"{name} exited with {processes[name].returncode}; see its log")
                try:
                    if getattr(rpc, name).health()["status"] == "ok":
                        break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                eventlet.sleep(0.5)


def transitions(config: dict, count: int, concurrency: int, warmup: int, prefix: str, pids: dict) -> dict:
    today = date.today()
    proxies = [ClusterRpcProxy(config, timeout=60) for _ in range(concurrency)]
    rpcs = [proxy.start() for proxy in proxies]
    rpc = rpcs[0]
    secretary = rpc.context.authenticate({"username": "thuky", "password": "Demo@2026"})
    leader = rpc.context.authenticate({"username": "lanhdao", "password": "Demo@2026"})

    key = load_settings().actor_key or os.environ["EISO_ACTOR_KEY"]

    def actor(p):
        """Signed as the gateway signs it (each call a fresh proof): the services refuse anything else."""
        return signed({k: p[k] for k in ("id", "unit_code", "roles", "department_id", "full_name")}, key)

    total = count + warmup

    def submit(index, slot):
        started = time.perf_counter()
        rpcs[slot].quality.submit_policy({
            "actor": actor(secretary), "request_id": f"bench-{index}",
            "content": {"year": 2026, "motto": f"Phương châm {index}", "statements": ["Chính sách"]},
            "route": {"department_id": leader["department_id"], "handler_id": leader["id"],
                      "deadline": str(today + timedelta(days=5))}})
        return time.perf_counter() - started

    submit_latencies, submit_elapsed = run_pool(range(total), concurrency, submit)
    dossiers = {}
    deadline = time.monotonic() + 120
    while len(dossiers) < total:
        page, dossiers = 1, {}
        while True:
            result = rpc.workflow.inbox({"actor": actor(leader), "tab": "todo", "page": page, "page_size": 100})
            for item in result["items"]:
                dossiers[item["code"]] = (item["artefact"]["id"], item["version"])
            if page * 100 >= result["total"]:
                break
            page += 1
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(dossiers)} of {total} dossiers opened")
        eventlet.sleep(0.2)

    approved = Queue(f"bench.approved.{uuid.uuid4().hex[:6]}", exchange=events_exchange(),
                     routing_key=f"{prefix}.quality.policy.revised.v1", durable=False, auto_delete=True)
    arrivals = Arrivals(config["AMQP_URI"], approved, key_of=lambda m: json.loads(m.body)["data"]["policy_id"]).start()
    act_latencies: list[float] = []

    def approve(item, slot):
        code, (policy_id, version) = item
        waiter = arrivals.expect(policy_id)
        started = time.perf_counter()
        rpcs[slot].workflow.act({
            "code": code, "actor": actor(leader), "expected_version": version, "action": "approve",
            "comment": "Đồng ý", "content": {"year": 2026, "motto": f"Phương châm {code} (lãnh đạo sửa)",
                                             "statements": ["Chính sách"]},
            "next": {"department_id": secretary["department_id"],
                                         "handler_id": secretary["id"], "deadline": str(today + timedelta(days=3))}})
        act_latencies.append(time.perf_counter() - started)
        return waiter.wait() - started

    items = sorted(dossiers.items())
    run_pool(items[:warmup], concurrency, approve)
    act_latencies.clear()
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    latencies, elapsed = run_pool(items[warmup:], concurrency, approve)
    measured = len(items) - warmup
    cpu_ms = {name: round((cpu_seconds(pid) - cpu_before[name]) * 1000 / measured, 2) for name, pid in pids.items()}
    arrivals.stop()
    for proxy in proxies:
        proxy.stop()
    return {
        "end_to_end": summary(latencies, elapsed),
        "act_rpc_only": summary(act_latencies, elapsed),
        "submit": summary(submit_latencies, submit_elapsed),
        "cpu_ms_per_transition": cpu_ms,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="measured transitions (default 300)")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args(argv)

    for reason in (servers.pg_available(), servers.rabbit_available()):
        if reason:
            print(reason, file=sys.stderr)
            return 2
    prefix = "vn.eiso"
    databases = {name: servers.create_database() for name in SERVICES}
    vhost = servers.create_vhost()
    workdir = Path(tempfile.mkdtemp(prefix="eiso-bench-"))
    print(f"logs in {workdir}", flush=True)
    os.environ["EISO_ACTOR_KEY"] = secrets.token_urlsafe(48)  # the services and this client share it
    env = dict(os.environ, EISO_AMQP_URI=vhost, EISO_DATA_DIR=str(workdir), EISO_DEMO_DATA="1",
               EISO_LOG_LEVEL="WARNING", EISO_EVENT_TYPE_PREFIX=prefix,
               **{f"EISO_{name.upper()}_DB_URL": url for name, url in databases.items()})
    config = nameko_config(load_settings(env))
    processes = start_services(env, workdir)
    try:
        wait_healthy(config, processes)
        print(f"services up; measuring {args.count} transitions at concurrency {args.concurrency} ...", flush=True)
        base = baseline(vhost, args.count, args.concurrency)
        pids = {name: process.pid for name, process in processes.items()}
        pids["bench client"] = os.getpid()
        result = transitions(config, args.count, args.concurrency, args.warmup, prefix, pids)
        memory = {name: rss_mib(process.pid) for name, process in processes.items()}
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for url in databases.values():
            servers.drop_database(url)
        servers.delete_vhost(vhost)

    e2e = result["end_to_end"]
    report = {
        "benchmark": "dossier transitions end to end (leader approves step 2 with an edit -> quality policy revised event)",
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "count": args.count, "concurrency": args.concurrency,
        "baseline_raw_kombu_confirmed_publish_consume": base,
        "transitions": result,
        "ratio_throughput_vs_baseline": round(e2e["per_second"] / base["per_second"], 3),
        "ratio_p50_latency_vs_baseline": round(e2e["p50_ms"] / base["p50_ms"], 1),
        "service_rss_mib_after": memory,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"transitions-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\n{'':32}{'per s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for label, row in (("baseline (kombu, confirms)", base), ("transition end to end", e2e),
                       ("  of which act RPC", result["act_rpc_only"]), ("submit policy RPC", result["submit"])):
        print(f"{label:32}{row['per_second']:>9}{row['p50_ms']:>9}{row['p99_ms']:>9}")
    print(f"\nthroughput ratio (transitions / baseline): {report['ratio_throughput_vs_baseline']}")
    print(f"p50 latency ratio (transition / baseline): {report['ratio_p50_latency_vs_baseline']}")
    print(f"CPU per transition (ms): {result['cpu_ms_per_transition']}")
    print(f"service memory after (RSS MiB): {memory}")
    print(f"report: {out.relative_to(ROOT)}")
    return 0
