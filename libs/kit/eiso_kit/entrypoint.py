"""``@rpc``: nameko's RPC entrypoint, but an answer that cannot be sent never kills the service.

nameko sends an RPC's answer from the worker; when the broker went away
between the request and the answer (a RabbitMQ restart), the send raises and
nameko kills the whole container, leaving a process with no consumer at all.
Here that failure is logged as one line and the worker ends normally: what
the call did stands (it committed), the caller times out and may retry with
the same idempotency key, which returns the original result. If the
connection survived, the request is acknowledged; if not, the broker gives
the request to a consumer again and the command's own idempotency (key or
expected version) answers it without doing it twice.

Every service uses this ``rpc`` instead of ``nameko.rpc.rpc`` (a test checks
it): nameko shares one consumer per class of consumer, so the two must not be
mixed in one service.
"""
from __future__ import annotations

import logging

from eiso_contracts.errors import EisoError
from nameko.rpc import Rpc as NamekoRpc
from nameko.rpc import RpcConsumer

log = logging.getLogger(__name__)


class ResilientRpcConsumer(RpcConsumer):
    def handle_result(self, message, result, exc_info):
        try:
            return super().handle_result(message, result, exc_info)
        except Exception as exc:
            method = (message.delivery_info or {}).get("routing_key", "?")
            log.error("could not send the answer of %s (%s: %s); the caller will time out, what the call did "
                      "stands", method, type(exc).__name__, exc)
            self.queue_consumer.ack_message(message)  # no-op when the connection is gone (redelivered)
            return result, exc_info


class Rpc(NamekoRpc):
    rpc_consumer = ResilientRpcConsumer()

    def __init__(self, expected_exceptions=EisoError, sensitive_arguments=(), **kwargs):
        # Typed refusals (InvalidInput, Forbidden, NotFound, ...) are answers, not incidents.
        super().__init__(expected_exceptions=expected_exceptions, sensitive_arguments=sensitive_arguments,
                         **kwargs)


rpc = Rpc.decorator
