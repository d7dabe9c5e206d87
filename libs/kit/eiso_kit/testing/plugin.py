"""pytest fixtures for eISO tests (registered as the ``eiso`` pytest11 plugin).

Integration fixtures use the machine's real PostgreSQL and RabbitMQ. Where a
server is absent the test is skipped with the reason, unless
``EISO_REQUIRE_SERVERS=1`` (CI), where it fails instead.
"""
from __future__ import annotations

import os
import socket

import pytest

from . import servers


def pytest_configure(config):
    for marker, text in (
        ("integration", "needs the real PostgreSQL and/or RabbitMQ of the machine"),
        ("s3", "talks to an S3-compatible test server over HTTP"),
        ("browser", "drives Debian's Chromium through Playwright"),
    ):
        config.addinivalue_line("markers", f"{marker}: {text}")
    if os.environ.get("EISO_EVENTLET", "1") != "0":
        _quick_consumer_stops()


def _quick_consumer_stops() -> None:
    """Idle nameko consumers notice a stop within 0.1 s instead of kombu's 1 s safety interval.

    Stopping a container waits for that three times in a row (its RPC consumers, its reply listener,
    its queue consumer): 3 s in every test that runs a service, most of the suite's time. Only the
    tests' services are changed, and only in how soon an idle consumer looks at a stop request;
    the services that the fault suite and the browser tests start as processes keep nameko's default.
    """
    from functools import partialmethod

    from kombu.mixins import ConsumerMixin
    from nameko.messaging import QueueConsumer

    QueueConsumer.consume = partialmethod(ConsumerMixin.consume, safety_interval=0.1)


def _unavailable(reason: str | None) -> None:
    if reason is None:
        return
    if os.environ.get("EISO_REQUIRE_SERVERS") == "1":
        pytest.fail(reason + " (EISO_REQUIRE_SERVERS=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    _unavailable(servers.pg_available())
    return servers.pg_admin_url()


@pytest.fixture(scope="session")
def rabbitmq_server():
    _unavailable(servers.rabbit_available())
    return servers.rabbit_base()


@pytest.fixture
def make_pg_db(postgres_server):
    """Factory of fresh PostgreSQL databases, dropped after the test."""
    created: list[str] = []

    def make() -> str:
        url = servers.create_database()
        created.append(url)
        return url

    yield make
    for url in created:
        servers.drop_database(url)


@pytest.fixture
def pg_db(make_pg_db) -> str:
    return make_pg_db()


@pytest.fixture
def rabbit_vhost(rabbitmq_server):
    """AMQP URI of a fresh vhost on the real RabbitMQ, deleted after the test."""
    uri = servers.create_vhost()
    yield uri
    servers.delete_vhost(uri)


@pytest.fixture
def memory_bus():
    """The in-memory bus with the nameko fix applied and no state left from other tests."""
    from .. import memory_bus as bus

    bus.install(0.001)
    bus.reset()
    yield "memory://"
    bus.reset()


@pytest.fixture
def make_settings(tmp_path):
    """Build ``Settings`` with test defaults; keyword arguments are EISO_* variables without the prefix."""
    from ..settings import load_settings

    def make(**overrides):
        from .actors import TEST_ACTOR_KEY

        env = {"EISO_DATA_DIR": str(tmp_path / "var"), "EISO_RELAY_INTERVAL": "0.2",
               "EISO_ACTOR_KEY": TEST_ACTOR_KEY,
               "EISO_MEMORY_POLLING_INTERVAL": "0.001", "EISO_DEMO_DATA": "0", "EISO_RETRY_BACKOFF": "0.05"}
        env.update({f"EISO_{key.upper()}": str(value) for key, value in overrides.items()})
        return load_settings(env)

    return make


@pytest.fixture
def run_services():
    """Factory: ``run_services(config, *service_classes)`` -> a started ``ServiceRunner``.

    Every runner is stopped at teardown. Request it after the database and
    vhost fixtures (nameko's own runner_factory is torn down after them, so its
    services would outlive their broker and databases).
    """
    from nameko.runners import ServiceRunner

    runners = []

    def start(config: dict, *services):
        runner = ServiceRunner(config)
        for service in services:
            runner.add_service(service)
        runner.start()
        runners.append(runner)
        return runner

    yield start
    for runner in reversed(runners):
        runner.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """An S3-compatible server over real HTTP (moto), for the object-storage adapter."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop()
