"""Crossing the RPC boundary: payloads in as pydantic models, plain JSON out."""
from __future__ import annotations

from typing import Any, TypeVar

from eiso_contracts.errors import InvalidInput
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def describe(error: ValidationError) -> str:
    """A one-line, human summary of what was wrong with the input."""
    parts = []
    for item in error.errors(include_url=False)[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "dữ liệu"
        parts.append(f"{where}: {item['msg']}")
    return "Dữ liệu không hợp lệ — " + "; ".join(parts)


def parse(model: type[M], payload: Any) -> M:
    """Validate an RPC argument; bad input becomes a typed ``InvalidInput``."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        # Never echo the input back: it may hold a password or a huge value.
        raise InvalidInput(describe(exc), exc.errors(include_url=False, include_context=False,
                                                     include_input=False)) from None


def dump(value: Any) -> Any:
    """Plain JSON data of a model (or a list of them) for the reply."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [dump(item) for item in value]
    return value
