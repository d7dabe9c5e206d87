"""Steps the manual's browser tests share: signing in and out, picking options, waiting for what events bring."""
from __future__ import annotations

import time

import requests
import walk
from walk import PASSWORD, log_in, log_out  # noqa: F401  (the manual's tests import them from here)


def choose(page, label, text):
    """Pick the option of a select whose label contains ``label`` and whose text contains ``text``."""
    walk.choose(page, label, text, exact=False)


def route_to(page, department, person, deadline):
    """"Bước xử lý tiếp theo": Chọn phòng ban, Chọn người xử lý, Hạn cuối xử lý."""
    page.get_by_label("Chọn phòng ban").select_option(label=department)
    choose(page, "Chọn người xử lý", person)
    page.get_by_label("Hạn cuối xử lý").fill(deadline)


def reload_until(page, check, tries=60):
    """Reload until ``check()`` holds (what the workflow's events bring arrives a moment later)."""
    for _ in range(tries):
        if check():
            return
        page.wait_for_timeout(500)
        page.reload()
    assert check()


def api_token(base, username):
    response = requests.post(f"{base}/api/v1/auth/token", json={"username": username, "password": PASSWORD},
                             timeout=10)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def issue_policy(base, year, motto, statements, deadline):
    """Section 2 over the API (drafted, approved, issued), so section 3 has a policy to choose."""
    secretary, leader = api_token(base, "thuky"), api_token(base, "lanhdao")
    people = {p["username"]: p for p in requests.get(f"{base}/api/v1/people", headers=secretary, timeout=10).json()}
    chief, clerk = people["lanhdao"], people["thuky"]
    created = requests.post(f"{base}/api/v1/quality/policies", headers=secretary, timeout=10, json={
        "content": {"year": year, "motto": motto, "statements": statements},
        "route": {"department_id": chief["department_id"], "handler_id": chief["id"], "deadline": deadline}})
    assert created.status_code == 201, created.text
    policy_id = created.json()["id"]
    code = None
    for _ in range(60):
        code = requests.get(f"{base}/api/v1/quality/policies/{policy_id}", headers=leader, timeout=10).json()[
            "dossier_code"]
        if code:
            break
        time.sleep(0.25)
    assert code
    dossier = requests.get(f"{base}/api/v1/dossiers/{code}", headers=leader, timeout=10).json()
    approved = requests.post(f"{base}/api/v1/dossiers/{code}/actions", headers=leader, timeout=10, json={
        "expected_version": dossier["version"], "action": "approve",
        "next": {"department_id": clerk["department_id"], "handler_id": clerk["id"], "deadline": deadline}})
    assert approved.status_code == 200, approved.text
    issued = requests.post(f"{base}/api/v1/dossiers/{code}/actions", headers=secretary, timeout=10, json={
        "expected_version": approved.json()["version"], "action": "approve"})
    assert issued.status_code == 200, issued.text
    for _ in range(60):
        if requests.get(f"{base}/api/v1/quality/policy-in-force", headers=leader, timeout=10).json():
            return policy_id
        time.sleep(0.25)
    raise AssertionError("the policy was not issued")
