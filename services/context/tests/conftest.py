"""Fixtures of the context service's tests: a started container over the memory bus and SQLite,
with the demo organisation loaded, and helpers to call it as the demo people."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from nameko.testing.services import entrypoint_hook
from sqlalchemy import create_engine

from eiso_context.authentication import PASSWORDS
from eiso_context.demo import load_demo
from eiso_context.service import ContextService
from eiso_kit.config import nameko_config
from eiso_kit.testing.actors import signed

DEMO_PASSWORD = "Demo@2026"


@pytest.fixture(scope="session")
def demo():
    return load_demo()


@pytest.fixture
def context_config(memory_bus, make_settings):
    return nameko_config(make_settings(demo_data=1))


@pytest.fixture
def cheap_hashing(monkeypatch):
    """Argon2id with its cheapest parameters, so tests that seed and log in often stay quick.
    (Hashes made this way ask for a re-hash under the real parameters: see test_authenticate.)"""
    monkeypatch.setattr(PASSWORDS, "hasher", PasswordHasher.from_parameters(CHEAPEST))
    monkeypatch.setattr(PASSWORDS, "_decoy", None)
    return PASSWORDS


@pytest.fixture
def context(container_factory, context_config, cheap_hashing):
    """The context service, started (so migrated and seeded)."""
    container = container_factory(ContextService, context_config)
    container.start()
    return container


@pytest.fixture
def call(context):
    """``call("method", *args)``: run one entrypoint of the started service."""
    def call(method, *args, **kwargs):
        with entrypoint_hook(context, method) as hook:
            return hook(*args, **kwargs)
    return call


@pytest.fixture
def actor(call, demo):
    """``actor("admin")``: the Actor the gateway would build for a demo login."""
    def actor(username: str) -> dict:
        person = call("get_person", demo.person_id(username))
        return signed({"id": person["id"], "unit_code": person["unit_code"], "roles": person["roles"],
                       "department_id": person["department_id"], "full_name": person["full_name"]})
    return actor


@pytest.fixture
def context_db(context_config):
    """An engine on the service's SQLite file, to look at what it wrote."""
    engine = create_engine(context_config["DB_URIS"]["context"])
    yield engine
    engine.dispose()
