"""Reading a JSON request and writing a JSON answer, the same way in every area's API."""
from __future__ import annotations

from eiso_contracts.errors import EisoError, InvalidInput
from eiso_kit.rpc import dump, parse
from flask import jsonify, request


class BadJson(EisoError):
    """The body is not the JSON object the operation expects (400)."""

    status = 400
    code = "BAD_REQUEST"


INVALID_JSON = "Nội dung JSON không hợp lệ."
NOT_AN_INTEGER = "Tham số {name} phải là số nguyên."
OUT_OF_RANGE = "Tham số {name} phải trong khoảng {low}..{high}."


def json_body(model):
    """The request body validated by ``model``: 400 when not JSON, 422 when JSON but invalid.

    A body nested deeper than the parser (or the validator) can follow is
    not JSON this API takes: 400, like any other unreadable body.
    """
    if not request.is_json:
        raise BadJson("Nội dung gửi lên phải là JSON (Content-Type: application/json).")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise BadJson(INVALID_JSON) from None
    if not isinstance(data, dict):
        raise BadJson(INVALID_JSON)
    try:
        return parse(model, data)
    except RecursionError:
        raise BadJson(INVALID_JSON) from None


def answer(value, status: int = 200):
    return jsonify(dump(value)), status


def int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(NOT_AN_INTEGER.format(name=name)) from None
    if not low <= value <= high:
        raise InvalidInput(OUT_OF_RANGE.format(name=name, low=low, high=high))
    return value


IDEMPOTENCY_KEY_HELP = ("Send the same key again to retry safely after a timeout (503/504) or a lost connection: "
                        "the original result comes back and nothing is done twice. A key belongs to the person; "
                        "the same key with other content is refused (422 IDEMPOTENCY_KEY_REUSED).")


def idempotency_key() -> str | None:
    """The request's ``Idempotency-Key`` header (None without one); longer than 100 characters: 422."""
    key = request.headers.get("Idempotency-Key") or None
    if key is not None and len(key) > 100:
        raise InvalidInput("Idempotency-Key tối đa 100 ký tự.")
    return key
