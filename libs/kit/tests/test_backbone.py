"""The event backbone against the real PostgreSQL and RabbitMQ of this machine.

Each test gets its own database(s) and RabbitMQ vhost.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import eventlet
import pytest
from kombu import Connection
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

import backbone_app as app
from eiso_kit.config import nameko_config, settings_of
from eiso_kit.db.audit import verify
from eiso_kit.db.engine import make_engine
from eiso_kit.db.tables import plumbing_tables
from eiso_kit.db.transaction import Transaction
from eiso_kit.events.relay import Relay
from eiso_kit.events.subscribe import ATTEMPT_HEADER, ERROR_HEADER
from eiso_kit.testing.servers import queue_depth
from eiso_kit.testing.tap import EventTap
from eiso_kit.testing.waiting import wait_until

pytestmark = pytest.mark.integration
HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def toy_topology(monkeypatch):
    from eiso_contracts import topology
    monkeypatch.setattr(topology, "SUBSCRIPTIONS", topology.SUBSCRIPTIONS + (app.LISTENER_NOTES,))


@pytest.fixture
def system(rabbit_vhost, make_pg_db, make_settings, run_services):
    """Factory: start ``notes`` and/or ``listener`` on fresh databases; stopped at teardown."""
    settings = make_settings(amqp_uri=rabbit_vhost, max_delivery_attempts=3)
    dbs = {"notes": make_pg_db(), "listener": make_pg_db()}
    config = app.config_for(settings, dbs)

    def start(*services):
        return run_services(config, *services)

    start.config, start.dbs, start.settings = config, dbs, settings
    return start


def outbox_states(db_url):
    engine = create_engine(db_url)
    tables = plumbing_tables(app.notes_metadata)
    with engine.connect() as conn:
        rows = conn.execute(select(tables.outbox.c.type, tables.outbox.c.state)).all()
    engine.dispose()
    return rows


def test_committed_change_reaches_an_outside_consumer_as_a_cloudevent(system):
    system(app.NotesService)
    with EventTap(system.config["AMQP_URI"], routing_key="vn.eiso.testing.#") as tap:
        with ClusterRpcProxy(system.config) as proxy:
            note_id = proxy.notes.add("hello")
        event = tap.wait_for(lambda e: e["data"]["note_id"] == note_id)
    message = tap.messages[0]
    assert message.content_type == "application/cloudevents+json"
    assert message.properties["delivery_mode"] == 2
    assert event["specversion"] == "1.0"
    assert event["type"] == "vn.eiso.testing.note.added.v1"
    assert event["source"] == "urn:eiso:local:notes"
    assert event["subject"] == f"note/{note_id}"
    assert event["datacontenttype"] == "application/json"
    assert message.properties["message_id"] == event["id"]


def test_rolled_back_transaction_publishes_nothing(system):
    system(app.NotesService)
    with EventTap(system.config["AMQP_URI"], routing_key="vn.eiso.testing.#") as tap:
        with ClusterRpcProxy(system.config) as proxy:
            with pytest.raises(Exception, match="boom"):
                proxy.notes.add("never", fail_after_write=True)
            kept = proxy.notes.add("kept")  # a later commit proves the relay is running
            assert proxy.notes.count() == 1
        # The relay publishes in commit order, so a leaked "never" would arrive before "kept".
        tap.wait_for(lambda e: e["data"]["note_id"] == kept)
    texts = [e["data"]["text"] for e in tap.events()]
    assert texts == ["kept"]
    assert outbox_states(system.dbs["notes"]) == [("vn.eiso.testing.note.added.v1", "published")]


def outbox_rows(db_url):
    engine = create_engine(db_url)
    outbox = plumbing_tables(app.notes_metadata).outbox
    with engine.connect() as conn:
        rows = {row.event_id: row.state for row in conn.execute(select(outbox.c.event_id, outbox.c.state))}
    engine.dispose()
    return rows


def test_crash_between_commit_and_publish_still_publishes_after_restart(system):
    db, uri = system.dbs["notes"], system.config["AMQP_URI"]
    crashed = subprocess.run([sys.executable, str(HERE / "backbone_app.py"), "crash", db, uri],
                             capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 9, crashed.stderr[-2000:]
    ((event_id, state),) = outbox_rows(db).items()
    assert state == "pending"  # committed, never published
    with EventTap(uri, routing_key="vn.eiso.testing.#") as tap:
        system(app.NotesService)  # the restart
        event = tap.wait_for(lambda e: e["id"] == event_id)
    assert event["data"]["text"] == "survives a crash"
    assert outbox_rows(db)[event_id] == "published"
    # The process died before replying, so RabbitMQ also redelivered the RPC
    # request to the restarted copy: commands are at-least-once too.


def test_event_published_before_its_consumer_ever_started_still_arrives(system):
    system(app.NotesService)
    with ClusterRpcProxy(system.config) as proxy:
        note_id = proxy.notes.add("early")
    wait_until(lambda: outbox_states(system.dbs["notes"])[0][1] == "published")
    system(app.ListenerService)  # starts only now
    with ClusterRpcProxy(system.config) as proxy:
        applied = wait_until(lambda: proxy.listener.applied())
    assert applied == [{"note_id": note_id, "text": "early"}]


def test_same_event_delivered_twice_is_applied_once(system):
    system(app.NotesService, app.ListenerService)
    with ClusterRpcProxy(system.config) as proxy:
        note_id = proxy.notes.add("once")
        wait_until(lambda: proxy.listener.applied())
    # Deliver the very same message again, as a redelivery after a lost ack would.
    engine = create_engine(system.dbs["notes"])
    outbox = plumbing_tables(app.notes_metadata).outbox
    with engine.connect() as conn:
        body = conn.execute(select(outbox.c.body)).scalar()
    engine.dispose()
    with Connection(system.config["AMQP_URI"]) as conn:
        producer = conn.Producer()
        for _ in range(2):
            producer.publish(body.encode(), exchange="eiso.events", routing_key="vn.eiso.testing.note.added.v1",
                             content_type="application/cloudevents+json", content_encoding="utf-8")
    with ClusterRpcProxy(system.config) as proxy:
        wait_until(lambda: queue_depth(system.config["AMQP_URI"], app.LISTENER_NOTES.queue) == 0)
        time.sleep(0.3)
        assert proxy.listener.applied() == [{"note_id": note_id, "text": "once"}]


def _dead_letters(amqp_uri, queue):
    messages = []
    with Connection(amqp_uri) as conn:
        channel = conn.channel()
        while True:
            message = channel.basic_get(queue, no_ack=True)
            if message is None:
                return messages
            messages.append(message)


def test_poison_message_ends_in_the_dead_letter_queue_after_retries(system):
    system(app.NotesService, app.ListenerService)
    uri = system.config["AMQP_URI"]
    with ClusterRpcProxy(system.config) as proxy:
        proxy.notes.add("poison")
        good = proxy.notes.add("fine")
        wait_until(lambda: queue_depth(uri, app.LISTENER_NOTES.dead_letter_queue) == 1)
        assert proxy.listener.applied() == [{"note_id": good, "text": "fine"}]
    assert queue_depth(uri, app.LISTENER_NOTES.queue) == 0
    (dead,) = _dead_letters(uri, app.LISTENER_NOTES.dead_letter_queue)
    headers = dead.headers
    assert headers[ATTEMPT_HEADER] == 3  # max_delivery_attempts=3: tried three times, then parked
    assert "this note always fails" in headers[ERROR_HEADER]
    assert json.loads(dead.body)["data"]["text"] == "poison"


def test_malformed_message_goes_straight_to_the_dead_letter_queue(system):
    system(app.ListenerService)
    uri = system.config["AMQP_URI"]
    with Connection(uri) as conn:
        conn.Producer().publish(b'{"not": "a cloudevent"}', exchange="eiso.events",
                                routing_key="vn.eiso.testing.note.added.v1",
                                content_type="application/cloudevents+json", content_encoding="utf-8")
        conn.Producer().publish(b"\x00\xff binary", exchange="eiso.events",
                                routing_key="vn.eiso.testing.note.added.v1",
                                content_type="application/x-unknown", content_encoding="binary")
    wait_until(lambda: queue_depth(uri, app.LISTENER_NOTES.dead_letter_queue) == 2)
    reasons = sorted(m.headers[ERROR_HEADER] for m in _dead_letters(uri, app.LISTENER_NOTES.dead_letter_queue))
    assert reasons[0].startswith("not a valid CloudEvent")
    assert reasons[1].startswith("undecodable message")


def test_event_with_no_bound_queue_is_kept_as_unroutable(system):
    system(app.NotesService)
    with ClusterRpcProxy(system.config) as proxy:
        proxy.notes.add("with an orphan", orphan=True)
    states = wait_until(lambda: (s := dict(outbox_states(system.dbs["notes"])))
                        and "pending" not in s.values() and s)
    assert states == {"vn.eiso.testing.note.added.v1": "published", "vn.eiso.testing.note.orphan.v1": "unroutable"}


def test_two_relays_on_one_outbox_publish_every_event_exactly_once(rabbit_vhost, pg_db, make_settings):
    config = nameko_config(make_settings(amqp_uri=rabbit_vhost))
    engine = make_engine(pg_db)
    app.notes_metadata.create_all(engine)
    tables = plumbing_tables(app.notes_metadata)
    with Session(engine) as session:
        tx = Transaction(session, tables, settings_of(config), "notes")
        for i in range(300):
            tx.emit(app.NoteAdded(note_id=str(i), text="x"))
        tx.flush_outbox()
        session.commit()
    relays = [Relay(engine, tables.outbox, config, owner_prefix=f"copy{i}", batch_size=20) for i in range(2)]
    with EventTap(rabbit_vhost, routing_key="vn.eiso.testing.#") as tap:
        def drain(relay):
            total = 0
            while (n := relay.publish_pending()):
                total += n
                eventlet.sleep(0)
            return total
        workers = [eventlet.spawn(drain, relay) for relay in relays]
        totals = [w.wait() for w in workers]
        tap.wait_for(lambda e: len(tap.messages) >= 300, timeout=30)
        tap.drain(1.0)  # room for any duplicate to arrive
    ids = [e["data"]["note_id"] for e in tap.events()]
    assert sorted(ids, key=int) == [str(i) for i in range(300)]  # each exactly once
    assert sum(totals) == 300 and all(t > 0 for t in totals)  # both copies took a share
    for relay in relays:
        relay.close()
    engine.dispose()


def test_a_relay_that_dies_holding_a_lease_is_taken_over_after_it_expires(rabbit_vhost, pg_db, make_settings):
    config = nameko_config(make_settings(amqp_uri=rabbit_vhost))
    engine = make_engine(pg_db)
    app.notes_metadata.create_all(engine)
    tables = plumbing_tables(app.notes_metadata)
    with Session(engine) as session:
        tx = Transaction(session, tables, settings_of(config), "notes")
        tx.emit(app.NoteAdded(note_id="1", text="x"))
        tx.flush_outbox()
        session.commit()
    dying = Relay(engine, tables.outbox, config, owner_prefix="dying", lease_seconds=0.5)
    assert len(dying._claim()) == 1  # claimed, then the copy vanishes without publishing
    survivor = Relay(engine, tables.outbox, config, owner_prefix="survivor")
    assert survivor.publish_pending() == 0  # the lease still holds
    time.sleep(0.6)
    assert survivor.publish_pending() == 1
    assert outbox_states(pg_db) == [("vn.eiso.testing.note.added.v1", "published")]
    survivor.close()
    engine.dispose()


def test_audit_trail_is_written_in_the_same_transaction(system):
    system(app.NotesService)
    with ClusterRpcProxy(system.config) as proxy:
        proxy.notes.add("audited")
        with pytest.raises(Exception):
            proxy.notes.add("rolled back", fail_after_write=True)
    engine = create_engine(system.dbs["notes"])
    audit = plumbing_tables(app.notes_metadata).audit
    with engine.connect() as conn:
        rows = conn.execute(select(audit.c.action, audit.c.after)).all()
        assert [(r.action, r.after) for r in rows] == [("added", {"text": "audited"})]
        assert verify(conn, audit) == []
    engine.dispose()


def test_operator_replays_dead_letters_once_the_cause_is_fixed(system, monkeypatch):
    from eiso_kit.events import dlq

    system(app.NotesService, app.ListenerService)
    uri = system.config["AMQP_URI"]
    with ClusterRpcProxy(system.config) as proxy:
        poison_id = proxy.notes.add("poison")
        wait_until(lambda: queue_depth(uri, app.LISTENER_NOTES.dead_letter_queue) == 1)
        with Connection(uri) as conn:
            rows = {q: (waiting, dead) for q, waiting, dead in dlq.depths(conn, "vn.eiso")}
        assert rows[app.LISTENER_NOTES.queue] == (0, 1)
        # The cause is fixed (here: the listener now accepts "poison"), then the operator replays.
        _fix_poison(monkeypatch)
        with Connection(uri, transport_options={"confirm_publish": True}) as conn:
            assert dlq.replay(conn, app.LISTENER_NOTES.queue) == 1
        applied = wait_until(lambda: [a for a in proxy.listener.applied() if a["note_id"] == poison_id])
        assert applied == [{"note_id": poison_id, "text": "poison"}]
    assert queue_depth(uri, app.LISTENER_NOTES.dead_letter_queue) == 0


def _fix_poison(monkeypatch):
    """Stand-in for deploying a fix: the handler no longer rejects "poison"."""
    from sqlalchemy import insert

    def on_note(self, received):
        with self.db.transaction(handling=received) as tx:
            if tx.duplicate:
                return
            tx.session.execute(insert(app.applied).values(note_id=received.data.note_id, text=received.data.text))

    monkeypatch.setattr(app.ListenerService, "on_note", on_note)
