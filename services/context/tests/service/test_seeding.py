"""The demo organisation is loaded on start-up, once."""
from __future__ import annotations

import logging

from sqlalchemy import create_engine, func, select

from eiso_context import repository
from eiso_context.models import departments, people, plumbing, units
from eiso_context.seeding import LOST_RACE, PRESENT, seed_demo
from eiso_context.service import ContextService
from eiso_kit.config import nameko_config
from eiso_kit.db import Database, DatabaseAccess
from eiso_kit.db.audit import verify


def counts(engine):
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar() for t in (units, departments, people))


def db_of(container) -> DatabaseAccess:
    return DatabaseAccess(next(d for d in container.dependencies if isinstance(d, Database)))


def test_start_up_loads_the_demo_organisation(call, context_db):
    assert call("health") == {"service": "context", "status": "ok", "checks": {"database": "ok", "dossiers": "ok"}}
    assert counts(context_db) == (1, 5, 6)
    assert call("list_units") == [{"code": "SONGANH", "name": "Sở Khoa học và Công nghệ tỉnh Quảng Bình"}]
    with context_db.connect() as conn:
        assert verify(conn, plumbing.audit) == []
        actions = conn.execute(select(plumbing.audit.c.aggregate_type, plumbing.audit.c.action)).all()
        events = conn.execute(select(plumbing.outbox.c.type)).scalars().all()
    assert sorted(set(actions)) == [("department", "created"), ("person", "created"), ("unit", "created")]
    assert events == ["vn.eiso.context.person.created.v1"] * 6


def test_a_second_start_finds_the_demo_data_and_skips(context, container_factory, context_config, context_db,
                                                      caplog):
    context.stop()
    with caplog.at_level(logging.INFO, logger="eiso_context.seeding"):
        again = container_factory(ContextService, context_config)
        again.start()
    assert counts(context_db) == (1, 5, 6)
    assert "demo data already present (unit SONGANH); skipped" in caplog.text


def test_a_copy_that_loses_the_race_rolls_back_and_skips(context, context_db, demo, monkeypatch):
    before = counts(context_db)
    monkeypatch.setattr(repository, "unit", lambda session, code: None)  # both copies saw no unit
    assert seed_demo(db_of(context), demo) == LOST_RACE
    assert counts(context_db) == before


def test_seeding_is_idempotent_when_called_again(context, context_db, demo):
    assert seed_demo(db_of(context), demo) == PRESENT
    assert counts(context_db) == (1, 5, 6)


def test_no_demo_data_when_switched_off(memory_bus, make_settings, container_factory):
    config = nameko_config(make_settings(demo_data=0))
    container = container_factory(ContextService, config)
    container.start()
    engine = create_engine(config["DB_URIS"]["context"])
    assert counts(engine) == (0, 0, 0)
    engine.dispose()


def test_seeded_people_can_log_in_with_the_demo_password(call, demo):
    for person in demo.people:
        me = call("authenticate", {"username": person.username, "password": demo.password})
        assert me["id"] == demo.person_id(person.username)
        assert me["department_id"] == demo.department_id(person.department)

