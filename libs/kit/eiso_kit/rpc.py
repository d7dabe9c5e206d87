"""Crossing the RPC boundary: payloads in as pydantic models, plain JSON out."""
from __future__ import annotations

import logging
from typing import Any, TypeVar

import eventlet
from amqp.exceptions import NotFound as NoExchange
from eiso_contracts.errors import EisoError, InvalidInput, ServiceUnavailable
from nameko.exceptions import UnknownService
from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


def describe(error: ValidationError) -> str:
    """A one-line, human summary of what was wrong with the input."""
    parts = []
    for item in error.errors(include_url=False)[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "dữ liệu"
        parts.append(f"{where}: {item['msg']}")
    return "Dữ liệu không hợp lệ — " + "; ".join(parts)


def parse(model: type[M], payload: Any) -> M:
    """Validate an RPC argument; bad input becomes a typed ``InvalidInput``."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        # Never echo the input back: it may hold a password or a huge value.
        raise InvalidInput(describe(exc), exc.errors(include_url=False, include_context=False,
                                                     include_input=False)) from None


def dump(value: Any) -> Any:
    """Plain JSON data of a model (or a list of them) for the reply."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [dump(item) for item in value]
    return value


def call(method, *args, timeout: float, unavailable: str, **kwargs) -> Any:
    """Call another service's RPC method, waiting at most ``timeout`` seconds.

    nameko's service-to-service proxy waits for ever: a stopped service would
    hang this worker, fill the pool and block a graceful stop. Typed errors of
    the other service pass through; no answer in time, or any other failure,
    becomes ``ServiceUnavailable(unavailable)`` (a late reply is discarded).
    """
    name = getattr(method, "identifier", getattr(method, "method_name", repr(method)))
    try:
        reply = method.call_async(*args, **kwargs)
        with eventlet.Timeout(timeout):
            return reply.result()
    except eventlet.Timeout:
        log.error("%s did not answer within %.0f s", name, timeout)
        raise ServiceUnavailable(unavailable) from None
    except EisoError:
        raise
    except (UnknownService, NoExchange):  # not started yet, or stopped (in a new vhost nothing has declared the
        # RPC exchange yet): expected at start-up, one line without a traceback
        log.warning("%s: the %s service is not running", name, getattr(method, "service_name", "other"))
        raise ServiceUnavailable(unavailable) from None
    except Exception as exc:  # RemoteError, a broken connection: report, do not 500
        log.exception("%s failed: %r", name, exc)
        raise ServiceUnavailable(unavailable) from None
