"""The answer of every service's ``health`` RPC."""
from __future__ import annotations

from eiso_contracts.rpc.common import Health

from .rpc import dump


def report(service: str, **checks: str) -> dict:
    status = "ok" if all(value == "ok" for value in checks.values()) else "degraded"
    return dump(Health(service=service, status=status, checks=checks))
