"""Parsing RPC arguments that carry passwords: an error never echoes what was typed."""
from __future__ import annotations

from typing import Any, TypeVar

from eiso_contracts.errors import InvalidInput
from eiso_kit.rpc import parse
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def parse_secret(model: type[M], payload: Any) -> M:
    """``eiso_kit.rpc.parse``, with the offending values left out of the error's details
    (a too-short password must not travel back in the answer or into a log)."""
    try:
        return parse(model, payload)
    except InvalidInput as exc:
        details = [{k: v for k, v in item.items() if k != "input"} for item in exc.details or []]
        raise InvalidInput(exc.message, details) from None
