"""Complete quality-policy flows through the HTTP API, as a careful client would drive them through faults.

A flow: the secretary submits a draft (Idempotency-Key), the leader approves it with an edited motto and
routes it to the secretary, the secretary issues it. Every command carries its idempotency key and is
sent again with the SAME key after an error that says nothing about the outcome (a connection refused or
reset, 502/503/504): the README promises that this is safe. A change is ACKNOWLEDGED when the API
answered it with 2xx; the reconciliation checks every acknowledged change afterwards.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import requests

PASSWORD = "Demo@2026"
RETRYABLE = {502, 503, 504}


class FlowFailed(RuntimeError):
    pass


@dataclass
class Flow:
    n: int
    run: str
    policy_id: str | None = None
    code: str | None = None
    acked: list[str] = field(default_factory=list)   # "submitted", "approved", "issued", in order

    @property
    def motto(self) -> str:
        return f"Phương châm {self.run}-{self.n}"

    @property
    def edited(self) -> str:
        return f"{self.motto} (lãnh đạo sửa)"

    def key(self, step: str) -> str:
        return f"{self.run}-{self.n}-{step}"


class Api:
    """A client of /api/v1 with bearer tokens per login and the retry rule above."""

    def __init__(self, base: str, patience: float = 180.0):
        self.base = base.rstrip("/") + "/api/v1"
        self.patience = patience
        self.tokens: dict[str, str] = {}
        self.people: dict[str, dict] = {}
        self.seen = Counter()          # status codes and errors met
        self._lock = threading.Lock()

    def _note(self, what) -> None:
        with self._lock:
            self.seen[str(what)] += 1

    def _login(self, who: str) -> None:
        answer = self.call("POST", "/auth/token", None, json={"username": who, "password": PASSWORD})
        self.tokens[who] = answer["access_token"]
        self.people[who] = self.call("GET", "/me", who)

    def person(self, who: str) -> dict:
        if who not in self.people:
            self._login(who)
        return self.people[who]

    def call(self, method: str, path: str, who: str | None, json=None, key: str | None = None,
             accept=(200, 201)):
        """The answer's JSON; retried with the same key while the outcome is unknown, up to ``patience``."""
        deadline = time.monotonic() + self.patience
        while True:
            headers = {}
            if who is not None:
                if who not in self.tokens:
                    self._login(who)
                headers["Authorization"] = f"Bearer {self.tokens[who]}"
            if key is not None:
                headers["Idempotency-Key"] = key
            try:
                response = requests.request(method, self.base + path, json=json, headers=headers, timeout=20)
            except requests.RequestException as exc:
                self._note(type(exc).__name__)
            else:
                self._note(response.status_code)
                if response.status_code in accept:
                    return response.json()
                if response.status_code == 401 and who is not None:
                    self.tokens.pop(who, None)
                elif response.status_code not in RETRYABLE:
                    raise FlowFailed(f"{method} {path}: {response.status_code} {response.text[:300]}")
            if time.monotonic() > deadline:
                raise FlowFailed(f"{method} {path}: no answer within {self.patience:.0f} s")
            time.sleep(0.5)

    def wait_for(self, what: str, check, patience: float | None = None):
        deadline = time.monotonic() + (patience or self.patience)
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise FlowFailed(f"{what}: not seen within {patience or self.patience:.0f} s")
            time.sleep(0.3)


def run_flow(api: Api, flow: Flow, today: date) -> Flow:
    secretary, leader = api.person("thuky"), api.person("lanhdao")
    soon = str(today + timedelta(days=3))
    created = api.call("POST", "/quality/policies", "thuky", key=flow.key("submit"), json={
        "content": {"year": 2026, "motto": flow.motto, "statements": ["Phục vụ người dân tận tâm"]},
        "route": {"department_id": leader["department_id"], "handler_id": leader["id"], "deadline": soon},
        "comment": "Kính trình"})
    flow.policy_id = created["id"]
    flow.acked.append("submitted")

    def dossier_code():
        return api.call("GET", f"/quality/policies/{flow.policy_id}", "thuky").get("dossier_code")
    flow.code = api.wait_for(f"dossier of flow {flow.n}", dossier_code)

    view = api.wait_for(f"leader's form of {flow.code}",
                        lambda: (d := api.call("GET", f"/dossiers/{flow.code}", "lanhdao"))["form"] and d)
    api.call("POST", f"/dossiers/{flow.code}/actions", "lanhdao", key=flow.key("approve"), json={
        "expected_version": view["version"], "action": "approve", "comment": "Đồng ý",
        "request_id": flow.key("approve"),
        "content": {"year": 2026, "motto": flow.edited, "statements": ["Phục vụ người dân tận tâm"]},
        "next": {"department_id": secretary["department_id"], "handler_id": secretary["id"], "deadline": soon}})
    flow.acked.append("approved")

    view = api.wait_for(f"secretary's form of {flow.code}",
                        lambda: (d := api.call("GET", f"/dossiers/{flow.code}", "thuky"))["form"] and d)
    api.call("POST", f"/dossiers/{flow.code}/actions", "thuky", key=flow.key("issue"), json={
        "expected_version": view["version"], "action": "approve", "comment": "Ban hành",
        "request_id": flow.key("issue")})
    flow.acked.append("issued")
    return flow


class Load:
    """``workers`` threads running flows until ``enough()`` says stop; failures are kept, not raised."""

    def __init__(self, api: Api, run: str, today: date, workers: int):
        self.api, self.run, self.today, self.workers = api, run, today, workers
        self.flows: list[Flow] = []
        self.failures: list[str] = []
        self._next = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _take(self) -> Flow | None:
        with self._lock:
            if self._stop.is_set():
                return None
            self._next += 1
            flow = Flow(self._next, self.run)
            self.flows.append(flow)
            return flow

    def _work(self) -> None:
        while (flow := self._take()) is not None:
            try:
                run_flow(self.api, flow, self.today)
            except Exception as exc:  # recorded: the reconciliation reports it
                self.failures.append(f"flow {flow.n}: {type(exc).__name__}: {exc}")

    def start(self) -> "Load":
        self._threads = [threading.Thread(target=self._work, daemon=True) for _ in range(self.workers)]
        for thread in self._threads:
            thread.start()
        return self

    def finish(self) -> None:
        """Start no new flow; wait for the ones in progress."""
        self._stop.set()
        for thread in self._threads:
            thread.join()

    @property
    def completed(self) -> int:
        return sum(1 for flow in self.flows if flow.acked == ["submitted", "approved", "issued"])


def time_to_recover(api: Api, probe: str, who: str = "thuky", patience: float = 120.0) -> float:
    """Seconds until ``GET probe`` answers 200 again (measured from now)."""
    started = time.monotonic()
    while time.monotonic() - started < patience:
        try:
            headers = {"Authorization": f"Bearer {api.tokens[who]}"} if who in api.tokens else {}
            if requests.get(api.base + probe, headers=headers, timeout=5).status_code == 200:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.25)
    return float("inf")
