"""A RabbitMQ node of the fault suite's own, so that restarting it disturbs nobody else.

The machine's RabbitMQ (127.0.0.1:5672) is shared by every test and every developer on it; the fault
suite restarts its broker mid-run, so it starts a second node of the same RabbitMQ installation on free
ports, with its own data folder, and stops it at the end. ``restart_app`` is what an operator's
``rabbitmqctl stop_app; start_app`` does: every connection drops, durable queues and persistent
messages survive.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unavailable() -> str | None:
    """None if a private node can be started here, else why not."""
    for tool in ("rabbitmq-server", "rabbitmqctl"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed: the fault suite starts a RabbitMQ node of its own"
    return None


class PrivateBroker:
    def __init__(self):
        self.name = f"eiso-faults-{uuid.uuid4().hex[:6]}@localhost"
        self.port, self.dist_port = _free_port(), _free_port()
        # Directly under the temporary folder: the node runs as the "rabbitmq" user, which must reach it.
        self.dir = Path(tempfile.mkdtemp(prefix="eiso-rabbit-"))
        self.env = dict(
            os.environ, RABBITMQ_NODENAME=self.name, RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
            RABBITMQ_NODE_PORT=str(self.port), RABBITMQ_DIST_PORT=str(self.dist_port),
            RABBITMQ_MNESIA_BASE=str(self.dir / "mnesia"), RABBITMQ_LOG_BASE=str(self.dir / "log"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(self.dir / "plugins"), RABBITMQ_PID_FILE=str(self.dir / "pid"),
            # An empty configuration file: the machine's own (its listener on 5672) must not apply.
            RABBITMQ_CONFIG_FILE=str(self.dir / "rabbitmq.conf"),
        )

    @property
    def amqp_uri(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}//"

    def _ctl(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(["rabbitmqctl", "-n", self.name, *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def start(self, timeout: float = 90) -> "PrivateBroker":
        (self.dir / "plugins").write_text("[].\n")
        (self.dir / "rabbitmq.conf").write_text("# eISO fault suite: listeners come from the environment\n")
        if _has_user("rabbitmq"):  # Debian's rabbitmq-server switches to that user
            for path in (self.dir, *self.dir.iterdir()):
                shutil.chown(path, "rabbitmq")
        subprocess.run(["rabbitmq-server", "-detached"], env=self.env, check=True, capture_output=True, timeout=30)
        self._await(timeout)
        return self

    def _await(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._ctl("await_startup", "--timeout", "30").returncode == 0 and self._listening():
                return
            time.sleep(1)
        raise RuntimeError(f"RabbitMQ node {self.name} did not start; see {self.dir / 'log'}")

    def _listening(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def restart_app(self) -> float:
        """``rabbitmqctl stop_app; start_app``; return the seconds it was down."""
        started = time.monotonic()
        self._ctl("stop_app").check_returncode()
        self._ctl("start_app").check_returncode()
        self._await(60)
        return time.monotonic() - started

    def stop(self) -> None:
        try:
            self._ctl("stop", timeout=60)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
