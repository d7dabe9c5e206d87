"""A form's request checked with the contract's own model before it is sent, refusals named per field."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..flow.messages import field_errors
from .forms import FormInvalid

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: dict, prefix: str = "") -> M:
    """``model`` of ``data``, or ``FormInvalid`` with "Title: problem" per field (the model's ``field_titles``)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FormInvalid(field_errors(exc, model, prefix)) from None
