"""Operators' view of dead-lettered events: ``python -m eiso_kit.events.dlq list|replay QUEUE``.

A message lands in ``<queue>.dlq`` after its handler failed every attempt (or
when it was not a valid CloudEvent). Once the cause is fixed, ``replay`` moves
the messages back to the subscription queue with a fresh attempt count;
handlers are idempotent, so replaying twice is harmless.
"""
from __future__ import annotations

import argparse
import sys

from eiso_contracts import topology
from kombu import Connection, Producer

from ..settings import load_settings
from .subscribe import ATTEMPT_HEADER, ERROR_HEADER
from .topology import declare_all


def depths(connection: Connection, prefix: str) -> list[tuple[str, int, int]]:
    """(subscription queue, messages waiting, messages dead-lettered) for every subscription."""
    channel = connection.channel()
    declare_all(channel, prefix)
    rows = []
    for subscription in topology.SUBSCRIPTIONS:
        _, waiting, _ = channel.queue_declare(subscription.queue, passive=True)
        _, dead, _ = channel.queue_declare(subscription.dead_letter_queue, passive=True)
        rows.append((subscription.queue, waiting, dead))
    return rows


def replay(connection: Connection, queue: str, limit: int | None = None) -> int:
    """Move up to ``limit`` messages from ``queue``.dlq back to ``queue``; returns how many moved."""
    known = {s.queue for s in topology.SUBSCRIPTIONS}
    if queue not in known:
        raise SystemExit(f"unknown subscription queue {queue!r}; known: {', '.join(sorted(known))}")
    channel = connection.channel()
    producer = Producer(channel)
    # Only what is parked now: a message that fails again and is parked anew waits for the next replay.
    _, parked, _ = channel.queue_declare(f"{queue}.dlq", passive=True)
    limit = parked if limit is None else min(limit, parked)
    moved = 0
    while moved < limit:
        message = channel.basic_get(f"{queue}.dlq", no_ack=False)
        if message is None:
            break
        headers = dict(message.headers or {})
        headers[ATTEMPT_HEADER] = 1
        headers["x-eiso-replayed-error"] = headers.pop(ERROR_HEADER, "")
        producer.publish(message.body, exchange="", routing_key=queue, headers=headers,
                         content_type=message.content_type, content_encoding=message.content_encoding,
                         delivery_mode=2, message_id=message.properties.get("message_id"))
        channel.basic_ack(message.delivery_tag)
        moved += 1
    return moved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="messages waiting and dead-lettered per subscription")
    again = sub.add_parser("replay", help="move dead-lettered messages back to their queue")
    again.add_argument("queue", help="subscription queue, e.g. eiso.quality.dossier_progress")
    again.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    settings = load_settings()
    options = {"confirm_publish": True}
    with Connection(settings.amqp_uri, transport_options=options) as connection:
        if args.command == "list":
            print(f"{'queue':45} {'waiting':>8} {'dead':>6}")
            for queue, waiting, dead in depths(connection, settings.event_type_prefix):
                print(f"{queue:45} {waiting:>8} {dead:>6}")
        else:
            print(f"replayed {replay(connection, args.queue, args.limit)} message(s) to {args.queue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
