"""The RPC port the gateway's tests plug in: dispatch to the service fakes, record, inject failures."""
from __future__ import annotations

import json
import threading
from typing import Any

from eiso_contracts.rpc.common import Actor
from eiso_kit.actors import verify
from eiso_kit.rpc import dump
from eiso_kit.testing.actors import TEST_ACTOR_KEY

from .audit import FakeAudit
from .context import FakeContext
from .documents import FakeDocuments
from .quality import FakeQuality
from .rpc import is_rpc
from .seed import seed
from .shell import FakeShell
from .workflow import FakeWorkflow


def _json(value):
    return json.loads(json.dumps(value, default=str))


def _verify_actors(values) -> None:
    """As every service does: an actor that comes without the gateway's proof is refused."""
    for value in values:
        if isinstance(value, dict):
            actor = value.get("actor") if isinstance(value.get("actor"), dict) else (
                value if "proof" in value and "unit_code" in value else None)
            if actor is not None:
                verify(Actor.model_validate(actor), TEST_ACTOR_KEY, where="fake service")


def without_proof(actor: dict) -> dict:
    """An actor as sent, without its proof (for comparing what the gateway sent)."""
    return {k: v for k, v in actor.items() if k != "proof"}


class FakeServices:
    """Every service of one unit (SONGANH), in memory, behind ``call(service, method, *args)``."""

    def __init__(self):
        self.calls: list[tuple[str, str, tuple, dict]] = []
        self.failures: dict[tuple[str, str], list[Exception]] = {}
        self.down: set[str] = set()
        self.lock = threading.Lock()
        self.context = FakeContext()
        self.documents = FakeDocuments(self.lock)
        self.quality = FakeQuality()
        self.workflow = FakeWorkflow()
        self.audit = FakeAudit(self.context)
        self.services = {"context": self.context, "documents": self.documents, "quality": self.quality,
                         "workflow": self.workflow, "audit": self.audit, "review": FakeShell("review")}
        seed(self)

    def call(self, service: str, method: str, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _json(list(args)), _json(kwargs)
        _verify_actors([*args, *kwargs.values()])
        with self.lock:
            self.calls.append((service, method, tuple(args), dict(kwargs)))
            queued = self.failures.get((service, method))
            failure = queued.pop(0) if queued else None
        if failure is not None:
            raise failure
        if service in self.down:
            from nameko.exceptions import RpcTimeout
            raise RpcTimeout(service)
        handler = getattr(self.services.get(service), method, None)
        if not is_rpc(handler):
            from nameko.exceptions import MethodNotFound
            raise MethodNotFound(method)
        return _json(dump(handler(*args, **kwargs)))

    def close(self) -> None:
        pass

    def fail(self, service: str, method: str, error: Exception) -> None:
        """The next call of ``service.method`` raises ``error``."""
        self.failures.setdefault((service, method), []).append(error)

    def sent(self, service: str, method: str) -> list[tuple]:
        return [(args, kwargs) for s, m, args, kwargs in self.calls if (s, m) == (service, method)]

    def last(self, service: str, method: str):
        found = self.sent(service, method)
        assert found, f"{service}.{method} was never called"
        return found[-1]
