"""An artefact's content on a form, derived from its contract model: fields as typed <-> content.

Each field of the model is one form input ``content_<name>``; a list of texts
is a textarea with one item per line (or several inputs of that name, e.g.
checkboxes: one item each), a list of small models (the interested parties of
a context analysis, the objectives and their targets) is a table of rows whose
inputs are ``content_<name>-<row>-<part>``, a date is typed dd/mm/yyyy,
anything else one text.
Reading a form validates with the model itself, so the form refuses exactly
what the contract refuses, with the model's own limits, and says so per field.
Decimals are shown with the language's decimal sign (98,00) and read with either.
"""
from __future__ import annotations

import re
import types
import typing
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ValidationError

from ..formatting import fmt_date, parse_date
from ..pages.forms import FormInvalid
from .messages import field_errors

PREFIX = "content_"
BLANK_ROWS = 3          # empty rows a table offers beyond the ones it holds
MAX_ROWS = 60           # rows read from a form at most (the contracts allow fewer)
_ROW = re.compile(r"^(?P<name>[a-z_]+)-(?P<row>\d{1,3})-(?P<part>[a-z_]+)$")


def _is_lines(annotation) -> bool:
    return typing.get_origin(annotation) is list and typing.get_args(annotation)[:1] == (str,)


def _is_date(annotation) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return date in typing.get_args(annotation)
    return annotation is date


def _row_model(annotation) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation) or (None,)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


def decimal_text(text: str) -> str:
    """"98,5" / "98.5" / "98,50 %" -> "98.5": what a person types, as the model reads it."""
    return text.strip().rstrip("%").strip().replace(" ", "").replace(",", ".")


def _shown(value, annotation) -> str:
    if value is None:
        return ""
    if annotation is Decimal:
        from ..formatting import fmt_percent  # at request time: the language's decimal sign

        try:
            return fmt_percent(Decimal(str(value)))
        except ArithmeticError:
            return str(value)
    return str(value)


class ContentForm:
    """The fields of one content model (e.g. ``PolicyContent``: year, motto, statements one per line)."""

    def __init__(self, model: type[BaseModel]):
        self.model = model
        self.names = tuple(model.model_fields)
        self.lines = frozenset(n for n, info in model.model_fields.items() if _is_lines(info.annotation))
        self.numbers = frozenset(n for n, info in model.model_fields.items() if info.annotation is int)
        self.rows = {n: _row_model(info.annotation) for n, info in model.model_fields.items()
                     if _row_model(info.annotation) is not None}
        self.dates = frozenset(n for n, info in model.model_fields.items() if _is_date(info.annotation))

    def parts(self, name: str) -> tuple[str, ...]:
        """The inputs of one row of the table ``name``."""
        return tuple(self.rows[name].model_fields)

    def fields_of(self, content: dict | None) -> dict:
        """What each input shows for ``content`` ("" for what it lacks; a table: one dict per row)."""
        content = content or {}
        shown: dict = {}
        for name in self.names:
            value = content.get(name)
            if name in self.rows:
                model = self.rows[name]
                shown[name] = [{part: _shown(row.get(part), model.model_fields[part].annotation)
                                for part in model.model_fields} for row in value or []]
            elif name in self.lines:
                shown[name] = "\n".join(str(item) for item in value or [])
            elif name in self.dates and value:
                shown[name] = fmt_date(value) if parse_date(str(value)) else str(value)
            else:
                shown[name] = "" if value is None else str(value)
        return shown

    def read(self, form) -> dict:
        """The inputs as typed, from a submitted form (a table's rows in their order, blank ones kept)."""
        fields: dict = {name: "\n".join(form.getlist(PREFIX + name)) if name in self.lines and hasattr(form, "getlist")
                        else form.get(PREFIX + name, "") for name in self.names if name not in self.rows}
        found: dict[str, dict[int, dict[str, str]]] = {name: {} for name in self.rows}
        for key in form.keys():
            matched = _ROW.match(key.removeprefix(PREFIX)) if key.startswith(PREFIX) else None
            if matched and matched["name"] in self.rows and matched["part"] in self.parts(matched["name"]):
                row = int(matched["row"])
                if row < MAX_ROWS:
                    found[matched["name"]].setdefault(row, {})[matched["part"]] = form.get(key, "")
        for name, rows in found.items():
            fields[name] = [{part: rows[i].get(part, "") for part in self.parts(name)} for i in sorted(rows)]
        return fields

    def content_of(self, fields: dict) -> dict:
        """The content JSON the contract accepts, or ``FormInvalid`` naming each refused field."""
        data: dict = {}
        for name in self.names:
            if name in self.rows:
                data[name] = self._rows_of(name, fields.get(name) or [])
                continue
            text = fields.get(name) or ""
            if not text.strip() and not self.model.model_fields[name].is_required():
                continue  # left empty: the model's default (an optional date stays None, not "")
            if name in self.lines:
                data[name] = [line.strip() for line in text.splitlines() if line.strip()]
            elif name in self.numbers and text.strip().isdecimal():
                data[name] = int(text.strip())  # digits of any script ("２０２６"), as people may type them
            elif name in self.dates:
                parsed = parse_date(text)
                data[name] = parsed.isoformat() if parsed else text.strip()
            else:
                data[name] = text
        try:
            content = self.model.model_validate(data)
        except ValidationError as exc:
            raise FormInvalid(field_errors(exc, self.model, PREFIX, rows=self.kept_rows(fields))) from None
        return content.model_dump(mode="json")

    def kept_rows(self, fields: dict) -> dict[str, list[int]]:
        """Per table, the form's row number of each row that was not left blank (for error messages)."""
        return {name: [i for i, row in enumerate(fields.get(name) or []) if not _blank(row)] for name in self.rows}

    def _rows_of(self, name: str, rows: list[dict]) -> list[dict]:
        model = self.rows[name]
        kept = []
        for row in rows:
            if _blank(row):
                continue
            kept.append({part: decimal_text(text) if model.model_fields[part].annotation is Decimal else text
                         for part, text in row.items()})
        return kept

    def same(self, fields: dict, other: dict) -> bool:
        """Do two sets of typed fields say the same (blank rows and surrounding spaces aside)?"""
        return _normal(fields) == _normal(other)


def _blank(row: dict) -> bool:
    return not any((value or "").strip() for value in row.values())


def _normal(fields: dict) -> dict:
    result = {}
    for name, value in fields.items():
        if isinstance(value, list):
            result[name] = [{k: (v or "").strip() for k, v in row.items()} for row in value if not _blank(row)]
        else:
            result[name] = (value or "").strip()
    return result
