"""The API's path parameters: what each one may be, checked before a service is called, and its schema.

One type per parameter name, taken from the contract the service checks the value with (a dossier
code as ``DossierQuery.code``, ids as ``Id``), plus what a path segment is: no ``/`` (the router
would not reach the operation) and no control character (the contracts' rule). The same type both
checks the value (422 with a sentence) and gives the OpenAPI document its schema, so the document
says what the gateway enforces. A route with a parameter that has no entry here fails at import.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from eiso_contracts.base import CONTROL_CHARACTERS
from eiso_contracts.dossier import Id
from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.workflow import DossierQuery
from pydantic import Field, TypeAdapter, ValidationError

SEGMENT_PATTERN = f"^[^/{CONTROL_CHARACTERS}]+$"
DossierCode = Annotated[str, DossierQuery.model_fields["code"]]

PATH_TYPES: dict[str, object] = {
    "code": DossierCode,
    "analysis_id": Id,
    "policy_id": Id,
    "file_id": Id,
}

INVALID = "Tham số {name} trong đường dẫn phải có từ {low} đến {high} ký tự, không có dấu / hay ký tự điều khiển."


@lru_cache(maxsize=None)
def _adapter(name: str) -> TypeAdapter:
    return TypeAdapter(Annotated[PATH_TYPES[name], Field(pattern=SEGMENT_PATTERN)])


def schema(name: str) -> dict:
    """The JSON schema of path parameter ``name`` (KeyError for a name without a type)."""
    return _adapter(name).json_schema()


def check(name: str, value: str) -> str:
    """``value`` as parameter ``name`` takes it; 422 with a sentence for a person otherwise."""
    try:
        return _adapter(name).validate_python(value)
    except ValidationError:
        rules = schema(name)
        raise InvalidInput(INVALID.format(name=name, low=rules.get("minLength", 1),
                                          high=rules.get("maxLength", "?"))) from None
