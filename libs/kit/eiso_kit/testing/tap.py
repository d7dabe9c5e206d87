"""An outside consumer for tests: binds its own queue to ``eiso.events`` and collects what arrives."""
from __future__ import annotations

import json
import socket
import time
import uuid

from kombu import Connection, Queue

from ..events.topology import events_exchange


class EventTap:
    def __init__(self, amqp_uri: str, routing_key: str = "#", transport_options: dict | None = None):
        self.connection = Connection(amqp_uri, transport_options=transport_options or {})
        self.queue = Queue(f"tap-{uuid.uuid4().hex[:8]}", exchange=events_exchange(), routing_key=routing_key,
                           durable=False, auto_delete=True, exclusive=False)
        self.messages: list = []
        self._consumer = None

    def __enter__(self):
        channel = self.connection.channel()
        events_exchange()(channel).declare()
        self.queue(channel).declare()
        self._consumer = self.connection.Consumer(self.queue, callbacks=[self._on_message], accept=None,
                                                  no_ack=True)
        self._consumer.consume()
        return self

    def __exit__(self, *exc):
        try:
            self._consumer.cancel()
        finally:
            self.connection.release()

    def _on_message(self, body, message):
        self.messages.append(message)

    def events(self) -> list[dict]:
        return [json.loads(m.body) for m in self.messages]

    def drain(self, seconds: float) -> None:
        """Keep collecting for ``seconds`` (to catch late duplicates)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                self.connection.drain_events(timeout=remaining)
            except (socket.timeout, TimeoutError):
                return

    def wait_for(self, predicate, timeout: float = 10.0) -> dict:
        """Drain until an event (as a dict) matches ``predicate``; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events():
                if predicate(event):
                    return event
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no matching event within {timeout}s; saw {[e.get('type') for e in self.events()]}")
            try:
                self.connection.drain_events(timeout=min(remaining, 0.5))
            except (socket.timeout, TimeoutError):
                pass
