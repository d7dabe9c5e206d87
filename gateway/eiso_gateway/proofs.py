"""The gateway vouches for the person behind a call: each ``Actor`` it sends carries a fresh signed proof.

Services refuse an actor without a valid proof (``eiso_kit.actors``); the key is ``EISO_ACTOR_KEY``
(generated into the data folder when unset, as the services do), read once per app.
"""
from __future__ import annotations

from eiso_contracts.rpc.common import Actor
from eiso_kit.actors import sign
from eiso_kit.settings import actor_key
from flask import current_app

KEY = "eiso_actor_key"


def signed(actor: Actor) -> dict:
    """The actor as JSON with the gateway's proof, made now (it is good for one request)."""
    key = current_app.extensions.get(KEY)
    if key is None:
        key = current_app.extensions[KEY] = actor_key(current_app.extensions["eiso"].settings)
    return sign(actor, key).model_dump(mode="json")
