"""The embedded mode: the same toy system over kombu's memory:// transport and SQLite files."""

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

import backbone_app as app
from eiso_kit.db.engine import make_engine
from eiso_kit.db.tables import plumbing_tables
from sqlalchemy import select
from eiso_kit.testing.waiting import wait_until


@pytest.fixture(autouse=True)
def toy_topology(monkeypatch):
    from eiso_contracts import topology
    monkeypatch.setattr(topology, "SUBSCRIPTIONS", topology.SUBSCRIPTIONS + (app.LISTENER_NOTES,))


@pytest.fixture
def embedded(memory_bus, make_settings, tmp_path, run_services):
    settings = make_settings(amqp_uri=memory_bus, max_delivery_attempts=3)
    config = app.config_for(settings, {"notes": f"sqlite:///{tmp_path}/notes.sqlite3",
                                       "listener": f"sqlite:///{tmp_path}/listener.sqlite3"})
    run_services(config, app.NotesService, app.ListenerService)
    return config


def test_rpc_and_events_flow_over_the_in_memory_bus(embedded):
    with ClusterRpcProxy(embedded) as proxy:
        note_id = proxy.notes.add("xin chào")
        assert proxy.notes.count() == 1
        assert wait_until(lambda: proxy.listener.applied()) == [{"note_id": note_id, "text": "xin chào"}]


def test_a_failing_handler_is_parked_in_memory_too(embedded, tmp_path):
    from kombu import Connection
    with ClusterRpcProxy(embedded) as proxy:
        proxy.notes.add("poison")
        good = proxy.notes.add("fine")
        wait_until(lambda: proxy.listener.applied())
        assert proxy.listener.applied() == [{"note_id": good, "text": "fine"}]
    with Connection("memory://") as conn:
        queue = conn.SimpleQueue(app.LISTENER_NOTES.dead_letter_queue)
        message = queue.get(timeout=5)
        assert message.headers["x-eiso-attempt"] == 3
        queue.close()


def test_outbox_rows_are_marked_published_without_broker_confirms(embedded, tmp_path):
    with ClusterRpcProxy(embedded) as proxy:
        proxy.notes.add("one")
    engine = make_engine(f"sqlite:///{tmp_path}/notes.sqlite3")
    outbox = plumbing_tables(app.notes_metadata).outbox

    def states():
        with engine.connect() as conn:
            return conn.execute(select(outbox.c.state)).scalars().all()

    assert wait_until(lambda: states() == ["published"])
    engine.dispose()


def test_a_short_outage_is_outlived_by_the_retries(embedded):
    with ClusterRpcProxy(embedded) as proxy:
        note_id = proxy.notes.add("flaky")
        assert wait_until(lambda: proxy.listener.applied()) == [{"note_id": note_id, "text": "flaky"}]


def test_events_lost_with_the_in_memory_broker_are_sent_again_at_start(memory_bus, make_settings, tmp_path,
                                                                      run_services):
    from eiso_kit import memory_bus as bus

    settings = make_settings(amqp_uri=memory_bus)
    config = app.config_for(settings, {"notes": f"sqlite:///{tmp_path}/notes.sqlite3",
                                       "listener": f"sqlite:///{tmp_path}/listener.sqlite3"})
    first = run_services(config, app.NotesService)  # the listener is not running yet
    with ClusterRpcProxy(config) as proxy:
        note_id = proxy.notes.add("in flight")
    engine = make_engine(f"sqlite:///{tmp_path}/notes.sqlite3")
    outbox = plumbing_tables(app.notes_metadata).outbox
    with engine.connect() as conn:
        wait_until(lambda: conn.execute(select(outbox.c.state)).scalars().all() == ["published"])
    engine.dispose()
    first.stop()
    bus.reset()  # the process ends: the in-memory broker and the message waiting in it are gone

    run_services(config, app.NotesService, app.ListenerService)  # the next start
    with ClusterRpcProxy(config) as proxy:
        assert wait_until(lambda: proxy.listener.applied()) == [{"note_id": note_id, "text": "in flight"}]
