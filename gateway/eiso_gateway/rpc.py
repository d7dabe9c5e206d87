"""The RPC port: how the gateway reaches the services.

Views never see nameko. They call ``rpc.call("workflow", "get_dossier", code, actor)``
on an object that has ``call`` and ``close``; production passes a
``NamekoRpc``, tests pass an in-memory fake.

``NamekoRpc`` keeps a POOL of nameko standalone ``ClusterRpcProxy``:

* A standalone proxy is single-threaded (it owns one reply queue and polls it),
  so it must never serve two calls at once. A proxy is borrowed for ONE call
  and given back, whatever serves requests (eventlet green threads in the
  embedded runner, real threads under gunicorn ``gthread``). No thread-locals:
  green threads and thread pools would leak or share them.
* Proxies start lazily, on first need, so nothing connects to the broker at
  import or before gunicorn forks its workers.
* A proxy whose call failed for a reason other than a service's answer
  (connection lost, RPC timeout: a late reply could still arrive on its queue)
  is stopped and forgotten; the next borrower starts a fresh one.
* At most ``size`` calls run at once; a caller waits up to the RPC timeout for a
  free proxy, then gets ``RpcTimeout`` (the gateway is overloaded: 504).
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Callable, Protocol

from eiso_contracts.errors import EisoError
from eiso_contracts.errors import ServiceUnavailable as _Unavailable
from nameko.exceptions import BadRequest, RemoteError, RpcTimeout, UnknownService

# Imported here, at app creation, on purpose: nameko imports eventlet, and eventlet imported for the
# first time inside a worker thread (gunicorn gthread) leaves that thread impossible to join.
from nameko.standalone.rpc import ClusterRpcProxy

log = logging.getLogger(__name__)


class RpcPort(Protocol):
    """What the gateway needs from the bus: call a method of a service, and shut down."""

    def call(self, service: str, method: str, *args: Any, **kwargs: Any) -> Any: ...

    def close(self) -> None: ...


class ServiceUnavailable(_Unavailable):
    """The bus (or the documents file endpoint) cannot be reached at all: 503.

    The person reads the fixed sentence; the technical ``detail`` is for the log.
    """

    MESSAGE = "Một dịch vụ của hệ thống đang tạm ngừng. Vui lòng thử lại sau ít phút."

    def __init__(self, detail: str = ""):
        super().__init__(self.MESSAGE)
        self.detail = detail


# Exceptions that are a service's ANSWER: the proxy did its job and stays healthy.
_ANSWERS = (EisoError, RemoteError, BadRequest, UnknownService)


class _Handle:
    """One started proxy: the object to stop and the cluster proxy to call."""

    __slots__ = ("runner", "cluster")

    def __init__(self, runner, cluster):
        self.runner = runner
        self.cluster = cluster

    def stop(self) -> None:
        try:
            self.runner.stop()
        except Exception:  # a broken connection may fail to close; it is gone anyway
            log.debug("closing an RPC proxy failed", exc_info=True)


class NamekoRpc:
    """A pool of nameko standalone cluster proxies (see the module docstring)."""

    def __init__(self, config: dict, size: int = 8, timeout: float = 30.0,
                 factory: Callable[[], Any] | None = None):
        if size < 1:
            raise ValueError("EISO_RPC_POOL_SIZE must be at least 1")
        self._config = config
        self._timeout = timeout
        self._factory = factory or self._new_runner
        self._slots = threading.BoundedSemaphore(size)
        self._idle: deque[_Handle] = deque()
        self._lock = threading.Lock()
        self._closed = False
        self.size = size

    @classmethod
    def from_settings(cls, settings) -> "NamekoRpc":
        from eiso_kit.config import nameko_config

        if settings.in_memory_bus:
            # Embedded mode: kombu's memory transport needs the fix to carry RPC replies.
            from eiso_kit import memory_bus

            memory_bus.install(settings.memory_polling_interval)
        return cls(nameko_config(settings), size=settings.rpc_pool_size, timeout=settings.rpc_timeout)

    def _new_runner(self):
        return ClusterRpcProxy(self._config, timeout=self._timeout)

    # -- pool -----------------------------------------------------------------------------
    def _borrow(self) -> _Handle:
        if self._closed:
            raise ServiceUnavailable("the RPC pool is closed")
        if not self._slots.acquire(timeout=self._timeout):
            raise RpcTimeout(f"no free RPC proxy within {self._timeout}s")
        with self._lock:
            handle = self._idle.pop() if self._idle else None
        if handle is not None:
            return handle
        try:
            runner = self._factory()
            cluster = runner.start()
        except Exception as exc:
            self._slots.release()
            log.warning("cannot start an RPC proxy: %s", exc)
            raise ServiceUnavailable(str(exc)) from exc
        return _Handle(runner, cluster)

    def _give_back(self, handle: _Handle) -> None:
        with self._lock:
            keep = not self._closed
            if keep:
                self._idle.append(handle)
        if not keep:
            handle.stop()
        self._slots.release()

    def _discard(self, handle: _Handle) -> None:
        handle.stop()
        self._slots.release()

    # -- the port -------------------------------------------------------------------------
    def call(self, service: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call ``service.method``; typed service errors arrive as themselves.

        A connection failure is retried once on a fresh proxy (the usual cause is
        an idle proxy whose broker connection died). The gateway's commands are
        safe to repeat: reads; ``act`` carries an expected version and
        ``submit_policy`` an idempotency key; a repeated create meets a
        uniqueness rule (Conflict). Timeouts are never retried.
        """
        for attempt in (1, 2):
            handle = self._borrow()
            try:
                result = getattr(handle.cluster[service], method)(*args, **kwargs)
            except _ANSWERS:
                self._give_back(handle)
                raise
            except RpcTimeout:
                self._discard(handle)
                raise
            except Exception as exc:
                self._discard(handle)
                log.warning("RPC proxy broken during %s.%s (attempt %d): %r", service, method, attempt, exc)
                if attempt == 2:
                    raise ServiceUnavailable(f"{service}.{method}: {exc}") from exc
                continue
            self._give_back(handle)
            return result
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Stop every idle proxy; proxies in use are stopped when given back."""
        with self._lock:
            self._closed = True
            idle, self._idle = list(self._idle), deque()
        for handle in idle:
            handle.stop()

    @property
    def started(self) -> int:
        """Idle started proxies (for tests and diagnostics)."""
        with self._lock:
            return len(self._idle)
