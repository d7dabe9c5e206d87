"""The app under real servers: eventlet.wsgi in a patched process (the embedded runner) and gunicorn gthread."""
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta

import eventlet
import eventlet.wsgi
import pytest
import requests
from fakes import PASSWORD, TODAY
from gateway_helpers import CSRF_RE


def _token(response):
    return CSRF_RE.search(response.text).group(1)


@pytest.fixture
def served(app):
    sock = eventlet.listen(("127.0.0.1", 0))
    server = eventlet.spawn(eventlet.wsgi.server, sock, app, log_output=False)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.kill()
    sock.close()


def test_eventlet_wsgi_serves_pages_uploads_and_downloads(served, fake, documents):
    browser = requests.Session()
    login = browser.get(f"{served}/login")
    response = browser.post(f"{served}/login", allow_redirects=False,
                            data={"username": "lanhdao", "password": PASSWORD, "csrf_token": _token(login)})
    assert response.status_code == 302
    assert "Nguyễn Văn Lãnh" in browser.get(f"{served}/").text

    url = f"{served}/dossiers/1-2026-1-SONGANH/process"
    page = browser.get(url)
    response = browser.post(url, allow_redirects=False, data={
        "csrf_token": _token(page), "expected_version": "2", "action": "approve", "comment": "Đồng ý",
        "content_year": "2026", "content_motto": "Chất lượng là trên hết",
        "content_statements": "Phục vụ người dân tận tâm\nMinh bạch", "next_department_id": "d-vp",
        "next_handler_id": "p-secretary", "next_deadline": (TODAY + timedelta(days=2)).isoformat(),
    }, files=[("files", ("Biên bản.pdf", b"%PDF" + b"x" * 300_000, "application/pdf"))])
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    file_id = command["attachments"][0]
    assert documents.uploads[0]["content_length"] == str(300_004)  # streamed with a known length

    download = browser.get(f"{served}/files/{file_id}", stream=True)
    assert download.status_code == 200
    assert b"".join(download.iter_content(4096)) == b"%PDF" + b"x" * 300_000

    # concurrent requests, each in its own green thread
    pool = eventlet.GreenPool(10)
    statuses = list(pool.imap(lambda _: browser.get(f"{served}/dossiers/").status_code, range(10)))
    assert statuses == [200] * 10


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_gthread(tmp_path):
    port = _free_port()
    env = dict(os.environ, EISO_DATA_DIR=str(tmp_path / "var"), EISO_GATEWAY_PORT=str(port),
               EISO_GATEWAY_HOST="127.0.0.1", EISO_RPC_TIMEOUT="1", EISO_AMQP_URI="memory://",
               GUNICORN_WORKERS="1", GUNICORN_THREADS="4")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "python:eiso_gateway.gunicorn_conf",
                                "eiso_gateway.wsgi:app"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                login = requests.get(f"{base}/login", timeout=2)
                break
            except requests.ConnectionError:
                if process.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        assert process.poll() is None, process.stdout.read().decode()
        assert login.status_code == 200 and "Đăng nhập" in login.text
        assert login.headers["X-Frame-Options"] == "DENY"
        assert requests.get(f"{base}/static/css/eiso.css", timeout=5).status_code == 200
        # no services run in that process: each health call times out, the pool copes, the answer is 503
        health = requests.get(f"{base}/api/v1/health", timeout=30)
        assert health.status_code == 503
        assert {s["status"] for s in health.json()["services"].values()} == {"down"}
        assert (tmp_path / "var" / "secret_key").exists()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
