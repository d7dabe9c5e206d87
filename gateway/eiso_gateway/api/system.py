"""The API's own operations: the services' health and this OpenAPI document."""
from __future__ import annotations

import threading

from flask import jsonify

from ..clients import SERVICES
from ..resources import services
from .models import HealthReport
from .registry import route


@route("GET", "/health", tag="system", response=HealthReport, auth=False)
def health():
    """Each service's health (asked in parallel); 503 when one is down or degraded."""
    svc = services()
    results: dict[str, dict] = {}

    def ask(name: str) -> None:
        try:
            results[name] = svc.health(name).model_dump(mode="json")
        except Exception as exc:  # any failure means "down" here; the reason is a code, not a trace
            results[name] = {"service": name, "status": "down", "checks": {},
                             "error": type(exc).__name__}

    workers = [threading.Thread(target=ask, args=(name,), daemon=True) for name in SERVICES]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    ok = all(results.get(name, {}).get("status") == "ok" for name in SERVICES)
    report = {"status": "ok" if ok else "degraded", "services": {n: results.get(n) for n in SERVICES}}
    return jsonify(report), (200 if ok else 503)


@route("GET", "/openapi.json", tag="system", response={"type": "object"}, auth=False)
def openapi():
    """This document (OpenAPI 3.1)."""
    from .openapi import document

    return jsonify(document())
