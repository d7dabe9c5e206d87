"""Request and response models that exist only at the API edge.

The commands the services take carry an ``Actor``; API clients never send
one (the token says who they are), so the request models are the contract
models minus ``actor`` (and minus ``code``, which is in the path). They are
derived from the contract models, not copied, so they follow its changes.
"""
from __future__ import annotations

from typing import Literal

from eiso_contracts.rpc.common import Model
from eiso_contracts.rpc.quality import SubmitPolicy
from eiso_contracts.rpc.workflow import ActCommand
from pydantic import Field, create_model


def _without(model, name: str, drop: tuple[str, ...], doc: str):
    fields = {key: (info.annotation, info) for key, info in model.model_fields.items() if key not in drop}
    derived = create_model(name, __base__=Model, **fields)
    derived.__doc__ = doc
    return derived


ActRequest = _without(ActCommand, "ActRequest", ("code", "actor"),
                      "One submission of the \"Chuyển hồ sơ\" form; the actor is the token's person.")
PolicySubmission = _without(SubmitPolicy, "PolicySubmission", ("actor",),
                            "A quality policy draft and who reviews it next (Bước 2).")


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
