"""The whole system as a user runs it, on the machine's real PostgreSQL and RabbitMQ, and a browser.

The system is the embedded runner (``python -m eiso_allinone``, the README's run command) started as
its own process with EISO_* variables pointing it at fresh databases and a fresh vhost. The browser
is Debian's chromium driven by Playwright (never a downloaded browser). This suite runs in a pytest
process without eventlet (``EISO_EVENTLET=0``).
"""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from eiso_kit.settings import SERVICES
from eiso_kit.testing import servers

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
sys.path.insert(0, str(ROOT / "gateway" / "tests"))
sys.path.insert(0, str(Path(__file__).parent))  # walk.py and manual_steps.py: steps the manual walks share

import a11y  # noqa: E402  (axe-core, shared with the gateway's browser tests)
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def running_eiso(tmp_path_factory):
    """Base URL of a running eISO on real PostgreSQL + RabbitMQ; stopped with SIGTERM afterwards."""
    for reason in (servers.pg_available(), servers.rabbit_available()):
        if reason:
            if os.environ.get("EISO_REQUIRE_SERVERS") == "1":
                pytest.fail(reason, pytrace=False)
            pytest.skip(reason)
    databases = {service: servers.create_database() for service in SERVICES}
    vhost = servers.create_vhost()
    port, files_port = free_port(), free_port()
    data = tmp_path_factory.mktemp("eiso-data")
    env = dict(os.environ, EISO_AMQP_URI=vhost, EISO_DATA_DIR=str(data), EISO_GATEWAY_PORT=str(port),
               EISO_DOCUMENTS_HTTP=f"127.0.0.1:{files_port}", EISO_DOCUMENTS_URL=f"http://127.0.0.1:{files_port}",
               EISO_RELAY_INTERVAL="0.5", EISO_DEMO_DATA="1",
               **{f"EISO_{service.upper()}_DB_URL": url for service, url in databases.items()})
    env.pop("EISO_EVENTLET", None)
    log = open(data / "eiso.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "eiso_allinone"], env=env, stdout=log,
                               stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"eISO exited with {process.returncode}: {(data / 'eiso.log').read_text()[-3000:]}")
            try:
                if requests.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("eISO did not answer within 60 s")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "eiso.log").write_text((data / "eiso.log").read_text())
        for url in databases.values():
            servers.drop_database(url)
        servers.delete_vhost(vhost)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


SMALL_SCREENS = {"768": (768, 1024), "375": (375, 740)}


@pytest.fixture
def shot():
    """Check the page with axe-core (nothing serious or critical) and save a full-page screenshot.

    ``small=True``: also at 768 px and 375 px wide (``<name>-768.png``, ``<name>-375.png``), checked again.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str, small: bool = False) -> Path:
        a11y.check(page)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if small:
            size = page.viewport_size
            for suffix, (width, height) in SMALL_SCREENS.items():
                page.set_viewport_size({"width": width, "height": height})
                a11y.check(page)
                page.screenshot(path=str(ARTIFACTS / f"{name}-{suffix}.png"), full_page=True)
            page.set_viewport_size(size)
        return path

    return save
