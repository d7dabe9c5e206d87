"""Throw-away databases and RabbitMQ vhosts on the real servers of the test machine."""
from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from urllib.parse import quote

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
RABBIT_AMQP = "amqp://guest:guest@127.0.0.1:5672"
RABBIT_API = "http://guest:guest@127.0.0.1:15672/api"


def pg_admin_url() -> str:
    return os.environ.get("EISO_TEST_PG_URL", PG_ADMIN_URL)


def rabbit_base() -> str:
    return os.environ.get("EISO_TEST_AMQP_URL", RABBIT_AMQP).rstrip("/")


def rabbit_api() -> str:
    return os.environ.get("EISO_TEST_RABBIT_API", RABBIT_API).rstrip("/")


def pg_available() -> str | None:
    """None if PostgreSQL answers, else why not."""
    try:
        engine = create_engine(pg_admin_url())
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return f"PostgreSQL at {pg_admin_url()} is not reachable: {exc.__class__.__name__}"


def rabbit_available() -> str | None:
    from kombu import Connection
    try:
        with Connection(rabbit_base() + "/", connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
        return None
    except Exception as exc:
        return f"RabbitMQ at {rabbit_base()} is not reachable: {exc.__class__.__name__}"


def create_database(name: str | None = None) -> str:
    name = name or f"eiso_t_{uuid.uuid4().hex[:10]}"
    engine = create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(pg_admin_url()).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    name = make_url(url).database
    engine = create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=60)


def create_vhost(name: str | None = None) -> str:
    """A fresh vhost (management API if enabled, else rabbitmqctl); returns its AMQP URI."""
    name = name or f"eiso_t_{uuid.uuid4().hex[:10]}"
    api = rabbit_api()
    try:
        response = requests.put(f"{api}/vhosts/{quote(name, safe='')}", timeout=10)
        response.raise_for_status()
        requests.put(f"{api}/permissions/{quote(name, safe='')}/guest",
                     json={"configure": ".*", "write": ".*", "read": ".*"}, timeout=10).raise_for_status()
    except requests.RequestException:
        if not shutil.which("rabbitmqctl"):
            raise
        _rabbitmqctl("add_vhost", name)
        _rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
    return f"{rabbit_base()}/{quote(name, safe='')}"


def delete_vhost(amqp_uri: str) -> None:
    name = amqp_uri.rsplit("/", 1)[1]
    try:
        requests.delete(f"{rabbit_api()}/vhosts/{name}", timeout=10).raise_for_status()
    except requests.RequestException:
        if shutil.which("rabbitmqctl"):
            _rabbitmqctl("delete_vhost", name.replace("%2F", "/"))


def queue_depth(amqp_uri: str, queue: str) -> int:
    from kombu import Connection
    with Connection(amqp_uri) as conn:
        _, count, _ = conn.default_channel.queue_declare(queue=queue, passive=True)
        return count
