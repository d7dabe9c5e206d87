"""Request and response models that exist only at the API edge.

The commands the services take carry an ``Actor``; API clients never send
one (the token says who they are), so an area's request models are the
contract models minus ``actor`` (and minus what is in the path), made with
``without``: derived from the contract models, not copied, so they follow
its changes.
"""
from __future__ import annotations

from typing import Literal

from eiso_contracts.rpc.common import Model
from pydantic import Field, create_model


def without(model, name: str, drop: tuple[str, ...], doc: str):
    """``model`` minus the fields ``drop`` (the actor, a path parameter), as a new API model ``name``."""
    fields = {key: (info.annotation, info) for key, info in model.model_fields.items() if key not in drop}
    derived = create_model(name, __base__=Model, **fields)
    derived.__doc__ = doc
    return derived


def field_schema(model, name: str) -> dict:
    """The JSON schema of ``model``'s field ``name`` as a query or header parameter takes it: its text branch
    (not null) and without ``minLength`` (an empty parameter means "not given")."""
    schema = model.model_json_schema()["properties"][name]
    branch = next((s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"), schema)
    return {key: value for key, value in branch.items() if key not in ("minLength", "title", "default")}


class TokenResponse(Model):
    """A bearer token, valid for 8 hours."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class ServiceHealth(Model):
    service: str
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
    error: str | None = None


class HealthReport(Model):
    """Each service's own health report; ``status`` is ok only if every service is ok."""

    status: Literal["ok", "degraded"]
    services: dict[str, ServiceHealth]


class ErrorBody(Model):
    """Every error: a code, a sentence for a person, sometimes details and an incident id."""

    error: str
    message: str
    details: object | None = None
    incident: str | None = None
