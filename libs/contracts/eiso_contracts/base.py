"""The base of every contract model: text that crosses the bus never carries control characters.

PostgreSQL refuses NUL in text and JSON columns, and no person types a
control character on purpose; refusing them at the edge (one rule, here)
keeps a bad string from being committed by one service and then failing in
every service that receives it.

The rule is a validator (it covers dict keys and nested lists too), so the
JSON schema of a contract model states it as a ``pattern`` on each of its
text fields (``NO_CONTROL_PATTERN``): the OpenAPI document and the event
catalogue say what the validator enforces.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, model_validator

# C0 controls and DEL, except tab, line feed and carriage return (kept for multi-line text).
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# The same rule as a JSON Schema pattern (ECMA-262 and Python read it alike).
NO_CONTROL_PATTERN = f"^[^{CONTROL_CHARACTERS}]*$"
MESSAGE = "chứa ký tự điều khiển không hợp lệ"


def _check(value) -> None:
    if isinstance(value, str):
        if _CONTROL.search(value):
            raise ValueError(MESSAGE)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key)
            _check(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check(item)


def _stated(schema) -> None:
    """Add the rule to every free-text string of a schema (in place); nested models are refs, done by their own class.

    Strings with a format (dates, ...), an enum or a constant cannot hold a control character
    anyway; a string with a pattern of its own gets the rule beside it (``allOf``).
    """
    if isinstance(schema, list):
        for item in schema:
            _stated(item)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and not {"format", "enum", "const"} & schema.keys():
        if "pattern" not in schema:
            schema["pattern"] = NO_CONTROL_PATTERN
        elif schema["pattern"] != NO_CONTROL_PATTERN:
            schema.setdefault("allOf", []).append({"pattern": NO_CONTROL_PATTERN})
    if schema.get("type") == "object" and isinstance(schema.get("additionalProperties"), dict):
        schema.setdefault("propertyNames", {"pattern": NO_CONTROL_PATTERN})  # dict keys are checked too
    for key in ("properties", "patternProperties", "$defs"):
        for sub in (schema.get(key) or {}).values():
            _stated(sub)
    for key in ("items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems"):
        if key in schema:
            _stated(schema[key])


class Contract(BaseModel):
    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data):
        _check(data)
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        schema = handler(core_schema)
        _stated(handler.resolve_ref_schema(schema))
        return schema
