"""The base of every contract model: text that crosses the bus never carries control characters.

PostgreSQL refuses NUL in text and JSON columns, and no person types a
control character on purpose; refusing them at the edge (one rule, here)
keeps a bad string from being committed by one service and then failing in
every service that receives it.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, model_validator

# C0 controls and DEL, except tab, line feed and carriage return (kept for multi-line text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


class Contract(BaseModel):
    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data):
        _check(data)
        return data
