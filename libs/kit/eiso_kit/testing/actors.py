"""Actors as the gateway sends them, for tests that call services directly (signed with the test key)."""
from __future__ import annotations

from eiso_contracts.rpc.common import Actor

from ..actors import sign

# What ``make_settings`` puts in EISO_ACTOR_KEY: tests sign with it as the gateway does with the real one.
TEST_ACTOR_KEY = "test-actor-key-0123456789abcdefghijklmnopqrstuvwxyz"


def signed(actor, key: str = TEST_ACTOR_KEY) -> dict:
    """The actor (a dict or an ``Actor``) as JSON with a fresh proof."""
    model = actor if isinstance(actor, Actor) else Actor.model_validate(
        {k: v for k, v in dict(actor).items() if k in Actor.model_fields})
    return sign(model, key).model_dump(mode="json")
