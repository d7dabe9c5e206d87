"""The README's run command on a machine with no servers: in-memory bus, SQLite files, a local folder.

Starts ``python -m eiso_allinone`` exactly as ``./eiso run`` does, with every EISO_* variable unset
but the data folder and ports, and walks manual section 2 through the HTTP API and a web login.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    data = tmp_path_factory.mktemp("embedded")
    port, files_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EISO_")}
    env.update(EISO_DATA_DIR=str(data), EISO_GATEWAY_PORT=str(port),
               EISO_DOCUMENTS_HTTP=f"127.0.0.1:{files_port}", EISO_DOCUMENTS_URL=f"http://127.0.0.1:{files_port}")
    process = subprocess.Popen([sys.executable, "-m", "eiso_allinone"], env=env, cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    banner, deadline = [], time.monotonic() + 90
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            pytest.fail("the run command exited early:\n" + "".join(banner[-50:]))
        banner.append(line)
        if "Stop with Ctrl+C" in line:
            break
    else:
        pytest.fail("no banner within 90 s")
    drain = subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)  # keep the pipe flowing
    yield f"http://127.0.0.1:{port}", "".join(banner), process, data
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    drain.wait(timeout=10)


def token(base, username):
    answer = requests.post(f"{base}/api/v1/auth/token", json={"username": username, "password": "Demo@2026"},
                           timeout=10)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_banner_prints_the_url_and_the_demo_logins(embedded):
    base, banner, _, data = embedded
    assert f"Open {base}/" in banner
    assert "in-memory bus" in banner
    for login in ("lanhdao", "thuky", "truongphong", "admin"):
        assert re.search(rf"^\s+{login}\s", banner, re.M), login
    assert "Demo@2026" in banner
    assert sorted(p.name for p in data.glob("*.sqlite3")) == [
        "audit.sqlite3", "context.sqlite3", "documents.sqlite3", "quality.sqlite3", "review.sqlite3",
        "workflow.sqlite3"]


def test_web_login_with_csrf_reaches_the_home_page(embedded):
    base = embedded[0]
    session = requests.Session()
    form = session.get(f"{base}/login", timeout=10).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    refused = session.post(f"{base}/login", data={"username": "lanhdao", "password": "Demo@2026"}, timeout=10)
    assert refused.status_code == 400  # no CSRF token, no login
    home = session.post(f"{base}/login", timeout=10,
                        data={"username": "lanhdao", "password": "Demo@2026", "csrf_token": csrf})
    assert home.status_code == 200 and "Nguyễn Văn An" in home.text and "Kiểm soát hoạt động ISO" in home.text
    assert "HttpOnly" in str(session.cookies) or any(c.has_nonstandard_attr("HttpOnly") for c in session.cookies)


def test_policy_flow_over_the_in_memory_bus(embedded):
    base = embedded[0]
    secretary, leader = token(base, "thuky"), token(base, "lanhdao")
    me = {name: requests.get(f"{base}/api/v1/me", headers=h, timeout=10).json()
          for name, h in (("thuky", secretary), ("lanhdao", leader))}
    deadline = str(date.today() + timedelta(days=3))
    upload = requests.post(f"{base}/api/v1/files", headers=secretary, timeout=10,
                           files={"file": ("Tờ trình.txt", "Kính trình".encode(), "text/plain")})
    assert upload.status_code == 201, upload.text
    submitted = requests.post(f"{base}/api/v1/quality/policies", headers=secretary, timeout=10, json={
        "content": {"year": 2026, "motto": "Phương châm", "statements": ["Một", "Hai"]},
        "route": {"department_id": me["lanhdao"]["department_id"], "handler_id": me["lanhdao"]["id"],
                  "deadline": deadline},
        "attachments": [upload.json()["id"]], "request_id": "embedded-1"})
    assert submitted.status_code == 201, submitted.text
    policy_id = submitted.json()["id"]

    def dossier_code():
        for _ in range(100):
            code = requests.get(f"{base}/api/v1/quality/policies/{policy_id}", headers=leader, timeout=10).json()
            if code["dossier_code"]:
                return code["dossier_code"]
            time.sleep(0.1)
        raise AssertionError("the dossier never opened")

    code = dossier_code()
    dossier = requests.get(f"{base}/api/v1/dossiers/{code}", headers=leader, timeout=10).json()
    approved = requests.post(f"{base}/api/v1/dossiers/{code}/actions", headers=leader, timeout=10, json={
        "expected_version": dossier["version"], "action": "approve",
        "content": {"year": 2026, "motto": "Phương châm đã sửa", "statements": ["Một", "Hai"]},
        "next": {"department_id": me["thuky"]["department_id"], "handler_id": me["thuky"]["id"],
                 "deadline": deadline}})
    assert approved.status_code == 200, approved.text
    dossier = requests.get(f"{base}/api/v1/dossiers/{code}", headers=secretary, timeout=10).json()
    issued = requests.post(f"{base}/api/v1/dossiers/{code}/actions", headers=secretary, timeout=10,
                           json={"expected_version": dossier["version"], "action": "approve"})
    assert issued.status_code == 200 and issued.json()["status"] == "completed", issued.text
    for _ in range(100):
        in_force = requests.get(f"{base}/api/v1/quality/policy-in-force", headers=leader, timeout=10).json()
        if in_force and in_force.get("id") == policy_id:
            break
        time.sleep(0.1)
    assert in_force["content"]["motto"] == "Phương châm đã sửa" and in_force["status"] == "issued"
    download = requests.get(f"{base}/api/v1/files/{upload.json()['id']}", headers=leader, timeout=10)
    assert download.content == "Kính trình".encode()


def test_sigterm_stops_it_cleanly(embedded):
    process = embedded[2]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
