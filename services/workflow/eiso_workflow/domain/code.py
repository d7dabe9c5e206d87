"""The dossier code users quote: ``{type}-{year}-{number}-{UNIT}``, e.g. ``3-2021-152-SONGANH``."""
from __future__ import annotations

import re

_CODE = re.compile(r"^(?P<type>[0-9A-Z]{1,10})-(?P<year>[0-9]{4})-(?P<number>[1-9][0-9]*)-(?P<unit>[0-9A-Z_-]{1,20})$")


def dossier_code(type_code: str, year: int, number: int, unit_code: str) -> str:
    """``number`` comes from the per (unit, type, year) counter, so codes restart at 1 each year."""
    if number < 1:
        raise ValueError("dossier numbers start at 1")
    return f"{type_code}-{year}-{number}-{unit_code.upper()}"


def normalise_code(code: str) -> str:
    """What a person typed (spaces, lower case) as the stored form; codes are upper case."""
    return code.strip().upper()


def looks_like_code(code: str) -> bool:
    return bool(_CODE.match(normalise_code(code)))
