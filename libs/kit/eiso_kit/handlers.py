"""The one shape of a service's RPC entrypoints: ``@query``, ``@command``, ``@internal``.

::

    class QualityService:
        @query(PolicyQuery)
        def get_policy(self, query):
            return policy.reads.one(self.db, query)

The entrypoint parses the call's arguments into the request model before a
worker runs (bad input is ``InvalidInput``, never an AttributeError deeper
down), verifies the actor's proof for ``query`` and ``command`` (the gateway
signs it, ``eiso_kit.actors``), hands the method the model, and answers with
plain JSON (pydantic models dumped). Typed refusals (``EisoError``) are
answers, logged as one line. ``internal`` is for lookups one service makes
for another (no person behind them, so no actor; an actor given anyway is
verified too).

Arguments: one JSON object is the whole request (``act({...})``); otherwise
the positional arguments are the model's fields in order and keyword
arguments go by name (``get_dossier(code, actor)``).
"""
from __future__ import annotations

import logging
import sys
from functools import partial, wraps

from eiso_contracts.errors import InvalidInput, ServiceUnavailable
from eiso_contracts.rpc.common import Actor
from kombu.exceptions import OperationalError as KombuOperationalError
from nameko.exceptions import ContainerBeingKilled
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError as DatabaseOperationalError

from .actors import verify
from .config import settings_of
from .entrypoint import Rpc
from .rpc import dump, parse
from .settings import actor_key

log = logging.getLogger(__name__)

# Failures of the connections a worker uses (RabbitMQ, the database), not of the request: the caller may try
# again (a command with its idempotency key). kombu and SQLAlchemy wrap theirs in OperationalError.
TRANSIENT = (ConnectionError, KombuOperationalError, DatabaseOperationalError)
UNAVAILABLE = "Dịch vụ tạm thời mất kết nối (máy chủ tin nhắn hoặc cơ sở dữ liệu); vui lòng thử lại sau ít phút."


class Handler(Rpc):
    def __init__(self, request: type[BaseModel] | None = None, *, kind: str, **kwargs):
        super().__init__(**kwargs)
        self.request = request
        self.kind = kind

    @property
    def needs_actor(self) -> bool:
        return self.kind in ("query", "command")

    def setup(self):
        super().setup()
        self.actor_key = actor_key(settings_of(self.container.config))

    def parse_call(self, args: list, kwargs: dict):
        """The request model of one call (``InvalidInput`` when it does not fit), its actor verified."""
        where = f"{self.container.service_name}.{self.method_name}"
        model = bind(self.request, args, kwargs, where)
        if model is None:
            return None
        actor = model if isinstance(model, Actor) else getattr(model, "actor", None)
        if actor is None and self.needs_actor:
            raise InvalidInput(f"{where}: thiếu người thực hiện (actor).")
        if actor is not None:  # every actor that crosses the bus is verified, also an optional one
            verify(actor, self.actor_key, where=where)
        return model

    def handle_message(self, body, message):
        try:
            model = self.parse_call(body.get("args", []), body.get("kwargs", {}))
        except Exception as exc:  # answered at once: no worker for a call that cannot run
            log.info("refused %s.%s: %s", self.container.service_name, self.method_name,
                     getattr(exc, "message", exc))
            self.rpc_consumer.handle_result(message, None, sys.exc_info())
            return
        context_data = self.unpack_message_headers(message)
        handle_result = partial(self.handle_result, message)
        try:
            self.container.spawn_worker(self, (Parsed(model),) if self.request is not None else (), {},
                                        context_data=context_data, handle_result=handle_result)
        except ContainerBeingKilled:
            self.rpc_consumer.requeue_message(message)


def bind(request: type[BaseModel] | None, args, kwargs: dict, where: str):
    """The call's arguments as the request model (None for a model-less call); ``InvalidInput`` otherwise."""
    if request is None:
        if args or kwargs:
            raise InvalidInput(f"{where} không nhận tham số.")
        return None
    if len(args) == 1 and not kwargs and isinstance(args[0], dict):
        payload = args[0]
    else:
        names = list(request.model_fields)
        if len(args) > len(names):
            raise InvalidInput(f"{where}: quá nhiều tham số ({len(args)}, tối đa {len(names)}).")
        payload = dict(zip(names, args))
        if set(payload) & set(kwargs):
            raise InvalidInput(f"{where}: tham số {', '.join(sorted(set(payload) & set(kwargs)))} bị lặp.")
        payload.update(kwargs)
    return parse(request, payload)


class Parsed:
    """The request as the entrypoint parsed and verified it off the bus, handed to the worker."""

    __slots__ = ("model",)

    def __init__(self, model):
        self.model = model


def _entry(fn, request):
    """The method the worker runs: the model from the bus as is; raw arguments (nameko's in-process
    ``entrypoint_hook`` in tests, which skips the bus and so the actor check) bound to the model here."""
    @wraps(fn)
    def entry(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and isinstance(args[0], Parsed):
            model = args[0].model
        else:
            model = bind(request, list(args), kwargs, fn.__name__)
        try:
            return dump(fn(self, model) if request is not None else fn(self))
        except TRANSIENT as exc:  # the broker or the database went away under this worker: try again later
            log.warning("%s: %s: %s; answered as unavailable", fn.__name__, type(exc).__name__, exc)
            raise ServiceUnavailable(UNAVAILABLE) from None
    return entry


def _decorator(kind: str, request: type[BaseModel] | None):
    def decorate(fn):
        return Handler.decorator(request, kind=kind)(_entry(fn, request))
    return decorate


def query(request: type[BaseModel] | None = None):
    """A read for a person: the request carries their signed ``actor``."""
    return _decorator("query", request)


def command(request: type[BaseModel] | None = None):
    """A change for a person: the request carries their signed ``actor``."""
    return _decorator("command", request)


def internal(request: type[BaseModel] | None = None):
    """A lookup one service makes for another, or an operator's check: no actor."""
    return _decorator("internal", request)
