"""``@subscribe(SUBSCRIPTION)``: a nameko entrypoint for public events that never loses one.

- consumes the subscription's durable queue (declared up front, see topology);
- hands the handler a ``Received`` (envelope + typed data + consumer name for the inbox);
- a handler that raises is retried, after a back-off that doubles per try
  (``EISO_RETRY_BACKOFF``), by republishing the message with an attempt
  counter, then, after ``EISO_MAX_DELIVERY_ATTEMPTS``, moved to the
  subscription's dead-letter queue; a message that is not a valid CloudEvent
  goes there at once. The original is acked only after the copy is confirmed.
"""
from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass
from functools import partial

from eiso_contracts.envelope import CloudEvent, parse_event
from eiso_contracts.errors import InvalidInput
from eiso_contracts.events.base import EventData
from eiso_contracts.topology import Subscription
from kombu import Connection, Producer
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer, QueueConsumer

from ..clock import utcnow
from ..config import settings_of
from .topology import declare_all

log = logging.getLogger(__name__)

ATTEMPT_HEADER = "x-eiso-attempt"
ERROR_HEADER = "x-eiso-error"
FAILED_AT_HEADER = "x-eiso-failed-at"


@dataclass(frozen=True)
class Received:
    """An event as a handler sees it."""

    event: CloudEvent
    type: str          # without the deployment prefix, e.g. "workflow.dossier.approved.v1"
    data: EventData
    consumer: str      # the subscription queue; the inbox key together with event.id
    attempt: int = 1


class SubscriptionQueueConsumer(QueueConsumer):
    """nameko's queue consumer, but an undecodable body is dead-lettered instead of crashing the loop."""

    def get_consumers(self, consumer_cls, channel):
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            consumer.on_decode_error = partial(self._on_decode_error, provider)
        return consumers

    def _on_decode_error(self, provider, message, exc):
        provider.dead_letter(message, f"undecodable message: {type(exc).__name__}: {exc}")
        self.ack_message(message)


class Subscriber(Consumer):
    queue_consumer = SubscriptionQueueConsumer()

    def __init__(self, subscription: Subscription, **kwargs):
        self.subscription = subscription
        super().__init__(queue=None, requeue_on_error=False, **kwargs)

    def setup(self):
        from .topology import queues_for

        settings = settings_of(self.container.config)
        self.prefix = settings.event_type_prefix
        self.max_attempts = max(1, settings.max_delivery_attempts)
        self.backoff = max(0.0, settings.retry_backoff)
        self.amqp_uri = settings.amqp_uri
        self.transport_options = dict(self.container.config.get("TRANSPORT_OPTIONS") or {})
        self.queue, self.dead_letter_queue = queues_for(self.subscription, self.prefix)
        with self._connection() as connection:
            declare_all(connection.channel(), self.prefix, [self.subscription])
        super().setup()

    def _connection(self) -> Connection:
        options = dict(self.transport_options)
        options["confirm_publish"] = True
        return Connection(self.amqp_uri, transport_options=options)

    # -- delivery ---------------------------------------------------------
    def handle_message(self, body, message):
        attempt = int((message.headers or {}).get(ATTEMPT_HEADER, 1))
        try:
            event = parse_event(body)
            received = Received(event=event, type=event.event_type(self.prefix),
                                data=event.payload(self.prefix), consumer=self.subscription.queue,
                                attempt=attempt)
        except InvalidInput as exc:
            log.error("dead-lettering an invalid event from %s: %s", self.subscription.queue, exc.message)
            self.dead_letter(message, exc.message)
            self.queue_consumer.ack_message(message)
            return
        handle_result = partial(self.handle_result, message)
        try:
            self.container.spawn_worker(self, (received,), {}, context_data={},
                                        handle_result=handle_result)
        except ContainerBeingKilled:
            self.queue_consumer.requeue_message(message)

    def handle_message_processed(self, message, result=None, exc_info=None):
        if exc_info is not None:
            attempt = int((message.headers or {}).get(ATTEMPT_HEADER, 1))
            error = "".join(traceback.format_exception_only(exc_info[0], exc_info[1])).strip()
            try:
                if attempt < self.max_attempts:
                    delay = self.retry_delay(attempt)
                    log.warning("handler of %s failed (attempt %d/%d), trying again in %.1f s: %s",
                                self.subscription.queue, attempt, self.max_attempts, delay, error)
                    # Wait holding the message (unacked): a database blip of a few seconds is outlived
                    # instead of burning every attempt at once.
                    time.sleep(delay)
                    self._republish(message, self.subscription.queue, {ATTEMPT_HEADER: attempt + 1})
                else:
                    log.error("handler of %s failed %d times; moving the message to %s: %s",
                              self.subscription.queue, attempt, self.subscription.dead_letter_queue, error)
                    self.dead_letter(message, error)
            except Exception:
                # Could not park the copy: give the message back to the broker instead of losing it.
                log.exception("could not republish a failed message; requeueing it")
                self.queue_consumer.requeue_message(message)
                return
        self.queue_consumer.ack_message(message)

    def retry_delay(self, attempt: int) -> float:
        """Seconds before try ``attempt + 1``: the back-off doubles per try, capped at 15 s."""
        return min(self.backoff * 2 ** (attempt - 1), 15.0)

    def dead_letter(self, message, reason: str) -> None:
        self._republish(message, self.subscription.dead_letter_queue,
                        {ERROR_HEADER: reason[:2000], FAILED_AT_HEADER: utcnow().isoformat()})

    def _republish(self, message, queue_name: str, extra_headers: dict) -> None:
        headers = dict(message.headers or {})
        headers.update(extra_headers)
        with self._connection() as connection:
            producer = Producer(connection.channel())
            producer.publish(
                message.body, exchange="", routing_key=queue_name,
                content_type=message.content_type, content_encoding=message.content_encoding,
                headers=headers, delivery_mode=2, message_id=message.properties.get("message_id"),
                retry=True, retry_policy={"max_retries": 3},
            )


subscribe = Subscriber.decorator
