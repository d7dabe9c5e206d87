"""kombu objects for the topology declared as data in ``eiso_contracts.topology``."""
from __future__ import annotations

from eiso_contracts import topology
from eiso_contracts.topology import Subscription
from kombu import Exchange, Queue, binding


def events_exchange() -> Exchange:
    return Exchange(topology.EXCHANGE, type="topic", durable=True)


def queues_for(subscription: Subscription, prefix: str) -> tuple[Queue, Queue]:
    """The durable queue of a subscription, bound to each of its types, and its dead-letter queue."""
    exchange = events_exchange()
    queue = Queue(
        subscription.queue,
        bindings=[binding(exchange, routing_key=key) for key in subscription.routing_keys(prefix)],
        durable=True,
        auto_delete=False,
    )
    dead_letters = Queue(subscription.dead_letter_queue, durable=True, auto_delete=False)
    return queue, dead_letters


def declare_all(channel, prefix: str, subscriptions=None) -> None:
    """Declare the exchange, every subscription queue with its bindings, and every DLQ."""
    events_exchange()(channel).declare()
    for subscription in subscriptions if subscriptions is not None else topology.SUBSCRIPTIONS:
        for queue in queues_for(subscription, prefix):
            bound = queue(channel)
            bound.declare()
