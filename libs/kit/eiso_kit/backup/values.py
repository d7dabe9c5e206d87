"""Column values to JSON and back, by the kind of the column (recorded in the manifest)."""
from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column


def kind_of(column: Column) -> str:
    try:
        python_type = column.type.python_type
    except NotImplementedError:  # JSON, and types that do not say
        return "json"
    for kind, types in (("bool", (bool,)), ("int", (int,)), ("float", (float,)), ("decimal", (Decimal,)),
                        ("datetime", (datetime,)), ("date", (date,)), ("bytes", (bytes, bytearray)),
                        ("text", (str,)), ("json", (dict, list))):
        if issubclass(python_type, types):
            return kind
    return "json"


def encode(kind: str, value):
    if value is None:
        return None
    if kind in ("datetime", "date"):
        return value.isoformat()
    if kind == "decimal":
        return str(value)
    if kind == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "bool":
        return bool(value)
    return value


def decode(kind: str, value):
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "decimal":
        return Decimal(value)
    if kind == "bytes":
        return base64.b64decode(value)
    return value
