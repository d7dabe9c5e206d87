"""A two-service toy system for the backbone tests: ``notes`` publishes, ``listener`` applies.

Also runnable as a script (``python backbone_app.py crash DB_URL AMQP_URI``): it
starts ``notes``, makes one change, and dies the moment the relay tries to
publish, as a process killed between commit and publish would.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()  # noqa: E402

import os  # noqa: E402
import sys  # noqa: E402
import uuid  # noqa: E402

from eiso_contracts import topology  # noqa: E402
from eiso_contracts.events.base import EventData, REGISTRY  # noqa: E402
from eiso_contracts.topology import Subscription  # noqa: E402
from eiso_kit.entrypoint import rpc  # noqa: E402
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select  # noqa: E402

from eiso_kit.db import Database  # noqa: E402
from eiso_kit.events.subscribe import subscribe  # noqa: E402

if "testing.note.added.v1" not in REGISTRY:
    class NoteAdded(EventData):
        event_type = "testing.note.added.v1"
        note_id: str
        text: str
else:  # imported twice (script + test module): reuse the registered class
    NoteAdded = REGISTRY["testing.note.added.v1"]

if "testing.note.orphan.v1" not in REGISTRY:
    class NoteOrphan(EventData):
        event_type = "testing.note.orphan.v1"
        note_id: str
else:
    NoteOrphan = REGISTRY["testing.note.orphan.v1"]

LISTENER_NOTES = Subscription(service="listener", name="notes", event_types=("testing.note.added.v1",))


def register_topology() -> None:
    """Make the toy subscription part of the declared topology (as contracts would)."""
    if LISTENER_NOTES not in topology.SUBSCRIPTIONS:
        topology.SUBSCRIPTIONS = topology.SUBSCRIPTIONS + (LISTENER_NOTES,)


notes_metadata = MetaData()
notes = Table("notes", notes_metadata, Column("id", String(64), primary_key=True), Column("text", String(200)))

listener_metadata = MetaData()
applied = Table("applied", listener_metadata,
                Column("seq", Integer, primary_key=True, autoincrement=True),
                Column("note_id", String(64)), Column("text", String(200)))


class NotesService:
    name = "notes"
    db = Database(notes_metadata)

    @rpc
    def add(self, text, fail_after_write=False, orphan=False):
        note_id = uuid.uuid4().hex
        with self.db.transaction() as tx:
            tx.session.execute(insert(notes).values(id=note_id, text=text))
            tx.emit(NoteAdded(note_id=note_id, text=text), subject=f"note/{note_id}")
            if orphan:
                tx.emit(NoteOrphan(note_id=note_id), subject=f"note/{note_id}")
            tx.audit("note", note_id, "added", actor_id="tester", before=None, after={"text": text})
            if fail_after_write:
                raise RuntimeError("boom: the change is rolled back")
        return note_id

    @rpc
    def count(self):
        with self.db.read() as session:
            return session.execute(select(func.count()).select_from(notes)).scalar()


class ListenerService:
    name = "listener"
    db = Database(listener_metadata)

    @subscribe(LISTENER_NOTES)
    def on_note(self, received):
        with self.db.transaction(handling=received) as tx:
            if tx.duplicate:
                return
            if received.data.text == "poison":
                raise ValueError("this note always fails")
            if received.data.text == "flaky" and received.attempt < 3:
                raise ConnectionError("a short outage: the first two tries fail")
            tx.session.execute(insert(applied).values(note_id=received.data.note_id, text=received.data.text))

    @rpc
    def applied(self):
        with self.db.read() as session:
            return [dict(row._mapping) for row in session.execute(select(applied.c.note_id, applied.c.text))]


def config_for(settings, db_urls: dict) -> dict:
    from eiso_kit.config import nameko_config
    config = nameko_config(settings)
    config["DB_URIS"].update(db_urls)
    return config


def _crash_main(db_url: str, amqp_uri: str) -> None:
    from nameko.runners import ServiceRunner
    from nameko.standalone.rpc import ClusterRpcProxy

    from eiso_kit.events import relay
    from eiso_kit.settings import load_settings

    def die(self):
        with self.engine.connect() as conn:
            pending = conn.execute(select(func.count()).select_from(self.outbox)
                                   .where(self.outbox.c.state == "pending")).scalar()
        if pending:
            os._exit(9)  # committed, and the process is gone before anything reaches the broker
        return 0

    relay.Relay.publish_pending = die
    settings = load_settings({"EISO_AMQP_URI": amqp_uri, "EISO_DATA_DIR": "/tmp", "EISO_RELAY_INTERVAL": "30"})
    config = config_for(settings, {"notes": db_url})
    runner = ServiceRunner(config)
    runner.add_service(NotesService)
    runner.start()
    with ClusterRpcProxy(config) as proxy:
        proxy.notes.add("survives a crash")
    eventlet.sleep(30)
    sys.exit("the relay should have crashed the process")


if __name__ == "__main__" and sys.argv[1] == "crash":
    _crash_main(sys.argv[2], sys.argv[3])
