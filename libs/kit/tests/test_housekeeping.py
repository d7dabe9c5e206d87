"""Housekeeping deletes bookkeeping that has done its job, and nothing that still matters."""
from datetime import timedelta

import pytest
from sqlalchemy import MetaData, func, insert, select

from eiso_kit.clock import utcnow
from eiso_kit.db.engine import make_engine
from eiso_kit.db.housekeeping import purge
from eiso_kit.db.tables import plumbing_tables
from eiso_kit.dossiers import dossier_tables
from eiso_kit.idempotency import requests_table


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def engine(request, tmp_path):
    url = f"sqlite:///{tmp_path}/h.sqlite3" if request.param == "sqlite" else request.getfixturevalue("pg_db")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_purge_removes_only_old_rows_that_did_their_job(engine):
    metadata = MetaData()
    plumbing, dossiers, requests = plumbing_tables(metadata), dossier_tables(metadata), requests_table(metadata)
    metadata.create_all(engine)
    now = utcnow()
    old, recent = now - timedelta(days=40), now - timedelta(days=1)
    with engine.begin() as conn:
        rows = []
        for n, (state, published_at) in enumerate([("published", old), ("published", recent), ("pending", None),
                                                   ("unroutable", None)]):
            rows.append(dict(event_id=f"e{n}", type="t", body="{}", created_at=old, state=state,
                             published_at=published_at, attempts=1))
        conn.execute(insert(plumbing.outbox), rows)
        conn.execute(insert(plumbing.inbox), [dict(consumer="q", event_id="old", event_type="t", applied_at=old),
                                              dict(consumer="q", event_id="new", event_type="t", applied_at=recent)])
        conn.execute(insert(requests), [dict(actor_id="a", command="c", key=k, fingerprint="f", result={},
                                             created_at=at) for k, at in (("old", old), ("new", recent))])
        conn.execute(insert(dossiers.facts), [
            dict(dossier_code="D", event_id=k, version=v, rank=0, fact={}, received_at=old, applied_at=at)
            for k, v, at in (("applied-old", 1, old), ("applied-new", 2, recent), ("waiting", 4, None))])

    removed = purge(engine, metadata, now - timedelta(days=30))

    assert removed == {"eiso_outbox": 1, "eiso_inbox": 1, "eiso_requests": 1, "eiso_dossier_facts": 1}
    with engine.connect() as conn:
        assert sorted(conn.execute(select(plumbing.outbox.c.event_id)).scalars()) == ["e1", "e2", "e3"]
        assert list(conn.execute(select(plumbing.inbox.c.event_id)).scalars()) == ["new"]
        assert list(conn.execute(select(requests.c.key)).scalars()) == ["new"]
        assert sorted(conn.execute(select(dossiers.facts.c.event_id)).scalars()) == ["applied-new", "waiting"]
    assert purge(engine, metadata, now - timedelta(days=30)) == dict.fromkeys(removed, 0)


def test_purge_goes_in_batches(engine, monkeypatch):
    from eiso_kit.db import housekeeping

    monkeypatch.setattr(housekeeping, "BATCH", 7)
    metadata = MetaData()
    plumbing = plumbing_tables(metadata)
    metadata.create_all(engine)
    old = utcnow() - timedelta(days=90)
    with engine.begin() as conn:
        conn.execute(insert(plumbing.inbox), [dict(consumer="q", event_id=f"e{n}", event_type="t", applied_at=old)
                                              for n in range(30)])
    assert purge(engine, metadata, utcnow())["eiso_inbox"] == 30
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(plumbing.inbox)).scalar() == 0
