"""A content model's validation errors as sentences a person reads: "Phương châm: không được để trống".

The rule (limits, required fields) lives once, in the contract's pydantic
model; this module only says what each kind of error means, in Vietnamese,
with the field's title (``field_titles`` on the model). Each sentence goes
through the catalogue, so English is complete too.
"""
from __future__ import annotations

import typing

from annotated_types import Ge, Le
from pydantic import BaseModel, ValidationError

from ..i18n import translate as _
from ..pages.forms import FieldError


def _bounds(model: type[BaseModel], name: str) -> tuple[object, object]:
    info = model.model_fields.get(name)
    low = high = None
    for item in getattr(info, "metadata", ()):
        if isinstance(item, Ge):
            low = item.ge
        elif isinstance(item, Le):
            high = item.le
    return low, high


def problem(error: dict, model: type[BaseModel], name: str) -> str:
    """What is wrong, without the field: "không được để trống", "tối đa 500 ký tự"."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing" or (kind in ("string_too_short", "too_short") and ctx.get("min_length", 1) <= 1):
        return _("không được để trống")
    if kind == "string_too_short":
        return _("tối thiểu {n} ký tự", n=ctx["min_length"])
    if kind == "string_too_long":
        return _("tối đa {n} ký tự", n=ctx["max_length"])
    if kind == "too_short":
        return _("cần ít nhất {n} dòng", n=ctx["min_length"])
    if kind == "too_long":
        return _("tối đa {n} dòng", n=ctx["max_length"])
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return _("phải là một ngày dạng dd/mm/yyyy")
    if kind == "literal_error":
        return _("phải chọn một giá trị trong danh sách")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("phải là một số nguyên")
    if kind in ("decimal_parsing", "decimal_type"):
        return _("phải là một số")
    if kind == "decimal_max_places":
        return _("tối đa {n} chữ số thập phân", n=ctx["decimal_places"])
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        low, high = _bounds(model, name)
        if low is not None and high is not None:
            return _("phải từ {low} đến {high}", low=low, high=high)
        return _("không hợp lệ")
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(model, name)
        if low is not None and high is not None:
            return _("phải từ {low} đến {high}", low=low, high=high)
        if kind == "greater_than_equal":
            return _("không được nhỏ hơn {n}", n=ctx["ge"])
        return _("không được lớn hơn {n}", n=ctx["le"])
    if kind == "value_error" and ctx.get("error"):
        return _(str(ctx["error"]))
    return _("không hợp lệ")


def field_errors(exc: ValidationError, model: type[BaseModel], prefix: str = "",
                 rows: dict[str, list[int]] | None = None) -> list[FieldError]:
    """One ``FieldError`` per error: the form field ``prefix + name`` and "Title: problem".

    An error inside a table row (``loc`` = name, row, part) names the row's input
    ``prefix + name-<row>-<part>`` and "Part (dòng N)"; ``rows`` maps each table's
    validated rows back to the form's rows (blank rows are dropped before validation).
    """
    titles: dict[str, str] = getattr(model, "field_titles", {})
    found = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = error["loc"]
        name = str(loc[0]) if loc else ""
        if not name:
            found.append(FieldError("", _("Nội dung: {problem}", problem=problem(error, model, name))))
            continue
        if len(loc) > 2 and isinstance(loc[1], int) and _row_of(model, name) is not None:
            part_model, part = _row_of(model, name), str(loc[2])
            kept = (rows or {}).get(name) or []
            row = kept[loc[1]] if loc[1] < len(kept) else loc[1]
            title = _("{field} (dòng {line})", field=_(getattr(part_model, "field_titles", {}).get(part, part)),
                      line=row + 1)
            found.append(FieldError(f"{prefix}{name}-{row}-{part}",
                                    _("{field}: {problem}", field=title, problem=problem(error, part_model, part))))
            continue
        what = problem(error, model, name)
        title = _(titles.get(name, name))
        if len(loc) > 1 and isinstance(loc[1], int):
            title = _("{field} (dòng {line})", field=title, line=loc[1] + 1)
        found.append(FieldError(prefix + name, _("{field}: {problem}", field=title, problem=what)))
    return found


def _row_of(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model of one row when ``name`` is a list of models (a table on the form)."""
    info = model.model_fields.get(name)
    if info is None or typing.get_origin(info.annotation) is not list:
        return None
    (item,) = typing.get_args(info.annotation) or (None,)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None
