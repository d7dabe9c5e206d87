"""eISO as an operator runs it: every service and the gateway as separate processes, restarted when they exit.

Each process is started the way its container starts it (``python -m eiso_kit.serve ...``, gunicorn for
the gateway) on PostgreSQL and the private RabbitMQ node. A supervisor thread plays compose's
``restart: unless-stopped``: a process that exits, whatever its code, is started again after a pause.
The harness kills with SIGKILL (``kill -9``), so nothing gets to clean up.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVICES = {
    "context": "eiso_context.service:ContextService",
    "workflow": "eiso_workflow.service:WorkflowService",
    "quality": "eiso_quality.service:QualityService",
    "documents": "eiso_documents.service:DocumentsService",
    "audit": "eiso_audit.service:AuditService",
    "review": "eiso_review.service:ReviewService",
}


@dataclass
class Managed:
    name: str
    command: list[str]
    log: Path
    process: subprocess.Popen | None = None
    restart_delay: float = 1.0
    exits: list[tuple[float, int]] = field(default_factory=list)   # (when, exit code)
    starts: int = 0


class Cluster:
    def __init__(self, env: dict, workdir: Path, gateway_port: int):
        self.env = env
        self.workdir = workdir
        self.gateway_port = gateway_port
        self.managed: dict[str, Managed] = {}
        for name, target in SERVICES.items():
            self.managed[name] = Managed(name, [sys.executable, "-m", "eiso_kit.serve", target],
                                         workdir / f"{name}.log")
        self.managed["gateway"] = Managed(
            "gateway", [sys.executable, "-m", "gunicorn", "-c", "python:eiso_gateway.gunicorn_conf",
                        "eiso_gateway.wsgi:app"], workdir / "gateway.log")
        self._lock = threading.Lock()
        self._stopping = False
        self._supervisor: threading.Thread | None = None

    @classmethod
    def environment(cls, amqp_uri: str, db_urls: dict[str, str], workdir: Path, gateway_port: int,
                    documents_port: int) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EISO_")}
        env.update(
            EISO_AMQP_URI=amqp_uri, EISO_DATA_DIR=str(workdir / "data"), EISO_DEMO_DATA="1",
            EISO_SECRET_KEY=secrets.token_urlsafe(48), EISO_ACTOR_KEY=secrets.token_urlsafe(48),
            EISO_GATEWAY_HOST="127.0.0.1",
            EISO_GATEWAY_PORT=str(gateway_port), EISO_DOCUMENTS_HTTP=f"127.0.0.1:{documents_port}",
            EISO_DOCUMENTS_URL=f"http://127.0.0.1:{documents_port}", EISO_RELAY_INTERVAL="0.5",
            EISO_RPC_TIMEOUT="10", EISO_SERVICE_RPC_TIMEOUT="8", EISO_LOG_LEVEL="INFO",
            GUNICORN_WORKERS="1", GUNICORN_THREADS="8", PYTHONUNBUFFERED="1",
            **{f"EISO_{service.upper()}_DB_URL": url for service, url in db_urls.items()},
        )
        return env

    # -- processes ------------------------------------------------------------------------
    def _spawn(self, item: Managed) -> None:
        log = item.log.open("ab")
        log.write(f"\n==== start {item.starts + 1} at {time.strftime('%H:%M:%S')} ====\n".encode())
        log.flush()
        item.process = subprocess.Popen(item.command, env=self.env, cwd=ROOT, stdout=log,
                                        stderr=subprocess.STDOUT)
        item.starts += 1

    def start(self) -> "Cluster":
        for item in self.managed.values():
            self._spawn(item)
        self._supervisor = threading.Thread(target=self._supervise, daemon=True)
        self._supervisor.start()
        return self

    def _supervise(self) -> None:
        """compose's ``restart: unless-stopped``: start again whatever exits, after its pause."""
        while not self._stopping:
            for item in self.managed.values():
                with self._lock:
                    process = item.process
                    if process is None or process.poll() is None or self._stopping:
                        continue
                    item.exits.append((time.monotonic(), process.returncode))
                    item.process = None
                threading.Timer(item.restart_delay, self._restart, args=(item,)).start()
            time.sleep(0.2)

    def _restart(self, item: Managed) -> None:
        with self._lock:
            if not self._stopping and item.process is None:
                self._spawn(item)

    def kill9(self, name: str, stay_down: float = 1.0) -> int:
        """SIGKILL the process; the supervisor starts it again ``stay_down`` seconds after it died."""
        item = self.managed[name]
        with self._lock:
            item.restart_delay = stay_down
            process = item.process
        if process is None:
            return 0
        os.kill(process.pid, signal.SIGKILL)
        return process.pid

    def restarts(self) -> dict[str, list[int]]:
        """Exit codes seen per process (a restart followed each)."""
        return {name: [code for _, code in item.exits] for name, item in self.managed.items() if item.exits}

    def pids(self) -> dict[str, int]:
        return {name: item.process.pid for name, item in self.managed.items() if item.process is not None}

    def stop(self) -> dict[str, int]:
        """SIGTERM everything (as ``docker compose stop``); return the exit codes."""
        with self._lock:
            self._stopping = True
            processes = {name: item.process for name, item in self.managed.items() if item.process is not None}
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        codes = {}
        for name, process in processes.items():
            try:
                codes[name] = process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        return codes

    def logs(self, name: str, tail: int = 4000) -> str:
        return self.managed[name].log.read_text(errors="replace")[-tail:]
