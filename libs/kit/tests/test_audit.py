"""The audit trail is append-only in use and shows any tampering."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import MetaData, update
from sqlalchemy.orm import Session

from eiso_kit.db import audit
from eiso_kit.db.engine import make_engine
from eiso_kit.db.tables import plumbing_tables

AT = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def trail(tmp_path):
    metadata = MetaData()
    tables = plumbing_tables(metadata)
    engine = make_engine(f"sqlite:///{tmp_path}/audit.sqlite3")
    metadata.create_all(engine)
    with Session(engine) as session:
        for i, (before, after) in enumerate([(None, {"s": "draft"}), ({"s": "draft"}, {"s": "approved"})]):
            audit.append(session, tables.audit, aggregate_type="policy", aggregate_id="p1", action=f"a{i}",
                         actor_id="u1", at=AT, before=before, after=after)
        audit.append(session, tables.audit, aggregate_type="policy", aggregate_id="p2", action="a0",
                     actor_id="u2", at=AT, after={"s": "draft"})
        session.commit()
    yield engine, tables.audit
    engine.dispose()


def test_an_untouched_trail_verifies(trail):
    engine, table = trail
    with engine.connect() as conn:
        assert audit.verify(conn, table) == []
        versions = conn.execute(table.select().order_by(table.c.seq)).all()
    assert [(r.aggregate_id, r.version) for r in versions] == [("p1", 1), ("p1", 2), ("p2", 1)]
    assert versions[1].prev_hash == versions[0].hash and versions[2].prev_hash == audit.GENESIS


def test_an_altered_entry_is_reported(trail):
    engine, table = trail
    with engine.begin() as conn:
        conn.execute(update(table).where(table.c.aggregate_id == "p1", table.c.version == 1)
                     .values(after={"s": "approved"}))
    with engine.connect() as conn:
        problems = audit.verify(conn, table)
    assert problems == ["policy/p1 v1: content altered (hash differs)"]


def test_a_removed_entry_breaks_the_chain(trail):
    engine, table = trail
    with engine.begin() as conn:
        conn.execute(table.delete().where(table.c.aggregate_id == "p1", table.c.version == 1))
    with engine.connect() as conn:
        problems = audit.verify(conn, table)
    assert "policy/p1 v2: expected version 1" in problems
    assert "policy/p1 v2: chain broken (prev_hash differs)" in problems
