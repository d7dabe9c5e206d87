"""An artefact's content on a form, derived from its contract model: fields as typed <-> content.

Each field of the model is one form input ``content_<name>``; a list of texts
is a textarea with one item per line, anything else one text. Reading a form
validates with the model itself, so the form refuses exactly what the
contract refuses, with the model's own limits, and says so per field.
"""
from __future__ import annotations

import typing

from pydantic import BaseModel, ValidationError

from ..pages.forms import FormInvalid
from .messages import field_errors

PREFIX = "content_"


def _is_lines(annotation) -> bool:
    return typing.get_origin(annotation) is list


class ContentForm:
    """The fields of one content model (e.g. ``PolicyContent``: year, motto, statements one per line)."""

    def __init__(self, model: type[BaseModel]):
        self.model = model
        self.names = tuple(model.model_fields)
        self.lines = frozenset(n for n, info in model.model_fields.items() if _is_lines(info.annotation))
        self.numbers = frozenset(n for n, info in model.model_fields.items() if info.annotation is int)

    def fields_of(self, content: dict | None) -> dict[str, str]:
        """What each input shows for ``content`` ("" for what it lacks)."""
        content = content or {}
        shown = {}
        for name in self.names:
            value = content.get(name)
            if name in self.lines:
                shown[name] = "\n".join(str(item) for item in value or [])
            else:
                shown[name] = "" if value is None else str(value)
        return shown

    def read(self, form) -> dict[str, str]:
        """The inputs as typed, from a submitted form."""
        return {name: form.get(PREFIX + name, "") for name in self.names}

    def content_of(self, fields: dict[str, str]) -> dict:
        """The content JSON the contract accepts, or ``FormInvalid`` naming each refused field."""
        data: dict = {}
        for name in self.names:
            text = fields.get(name) or ""
            if not text.strip() and not self.model.model_fields[name].is_required():
                continue  # left empty: the model's default (an optional date stays None, not "")
            if name in self.lines:
                data[name] = [line.strip() for line in text.splitlines() if line.strip()]
            elif name in self.numbers and text.strip().isdecimal():
                data[name] = int(text.strip())  # digits of any script ("２０２６"), as people may type them
            else:
                data[name] = text
        try:
            content = self.model.model_validate(data)
        except ValidationError as exc:
            raise FormInvalid(field_errors(exc, self.model, PREFIX)) from None
        return content.model_dump(mode="json")
