"""The OpenAPI 3.1 document of /api/v1, generated from the route table and the pydantic models.

OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what pydantic emits,
so the models' own schemas are used as they are (under components.schemas).
"""
from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import paths
from .models import ErrorBody
from .registry import ROUTES, ApiRoute

ERROR_STATUSES = {
    400: "Bad request (not JSON, malformed)",
    401: "Missing, invalid or expired token / wrong credentials",
    403: "Not allowed for this person",
    404: "Not found",
    409: "Already processed by someone else / conflict",
    405: "Method not allowed at this path (the methods it takes are in `Allow`)",
    413: "File too large",
    422: "Invalid input",
    429: "Too many attempts (failed sign-ins, the unit's daily upload quota): wait `Retry-After` seconds",
    500: "Unexpected error (incident id logged)",
    503: "A service is unavailable. A command (POST) may or may not have been applied: send it again with the same "
         "Idempotency-Key (the original result comes back, nothing is done twice)",
    504: "A service did not answer in time. A command (POST) may have been applied: send it again with the same "
         "Idempotency-Key (the original result comes back, nothing is done twice)",
}

# Headers of error answers (errors.py keeps werkzeug's Allow on a 405; ratelimit.py sets Retry-After).
ERROR_HEADERS = {
    405: {"Allow": {"description": "The methods this path takes, e.g. `GET, HEAD, OPTIONS`", "required": True,
                    "schema": {"type": "string", "minLength": 1}}},
    429: {"Retry-After": {"description": "Seconds until a new attempt may be made (when known)",
                          "schema": {"type": "integer", "minimum": 0}}},
}


def _models(route: ApiRoute):
    if isinstance(route.request, type) and issubclass(route.request, BaseModel):
        yield route.request, "validation"
    response = route.response
    if isinstance(response, tuple):
        response = response[1]
    if isinstance(response, type) and issubclass(response, BaseModel):
        yield response, "serialization"


def _response_schema(route: ApiRoute, refs: dict) -> dict | None:
    response = route.response
    if response is None:
        return None
    if isinstance(response, dict):
        return response
    if isinstance(response, tuple):
        shape, model = response
        ref = refs[(model, "serialization")]
        if shape == "list":
            return {"type": "array", "items": ref}
        return {"oneOf": [ref, {"type": "null"}]}
    return refs[(response, "serialization")]


def _operation(route: ApiRoute, refs: dict) -> dict:
    op: dict = {
        "operationId": route.endpoint,
        "summary": route.summary,
        "tags": [route.tag],
        "security": [{"bearerAuth": []}] if route.auth else [],
        "responses": {},
    }
    params = [{"name": name, "in": "path", "required": True, "schema": paths.schema(name)}
              for name in route.path_params]
    for param in route.params:
        item = {"name": param.name, "in": param.where, "required": param.required, "schema": param.schema}
        if param.description:
            item["description"] = param.description
        params.append(item)
    if params:
        op["parameters"] = params
    if route.request == "multipart":
        op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}}}}}}
    elif route.request is not None:
        op["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": refs[(route.request, "validation")]}}}

    if route.response == "binary":
        success = {"description": "The file's bytes", "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
    else:
        success = {"description": "OK" if route.status == 200 else "Created",
                   "content": {"application/json": {"schema": _response_schema(route, refs)}}}
    op["responses"][str(route.status)] = success
    if route.endpoint == "health":
        op["responses"]["503"] = {"description": "A service is down or degraded",
                                  "content": {"application/json": {"schema": _response_schema(route, refs)}}}
        op["responses"]["405"] = {"$ref": "#/components/responses/E405"}
        return op
    statuses = [400, 403, 404, 405, 409, 413, 422, 500, 503, 504]
    if route.auth or route.endpoint == "token":
        statuses.insert(1, 401)
    if route.throttled:
        statuses.insert(statuses.index(500), 429)
    for status in statuses:
        op["responses"][str(status)] = {"$ref": f"#/components/responses/E{status}"}
    return op


@lru_cache(maxsize=1)
def document() -> dict:
    pairs = list(dict.fromkeys(pair for route in ROUTES for pair in _models(route)))
    pairs.append((ErrorBody, "serialization"))
    refs, defs = models_json_schema(pairs, ref_template="#/components/schemas/{model}")
    error_ref = refs[(ErrorBody, "serialization")]

    paths: dict = {}
    for route in ROUTES:
        paths.setdefault(route.full_path, {})[route.method.lower()] = _operation(route, refs)

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "eISO API",
            "version": "1.0.0",
            "summary": "Hệ thống ISO điện tử — ISO 9001:2015 quality management for state agencies.",
            "description": ("Authenticate with POST /api/v1/auth/token, then send "
                            "`Authorization: Bearer <token>`. Errors are JSON `{\"error\", \"message\"}`; "
                            "messages are Vietnamese sentences meant for a person."),
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": name} for name in dict.fromkeys(route.tag for route in ROUTES)],
        "paths": paths,
        "components": {
            "schemas": defs.get("$defs", {}),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "Token from POST /api/v1/auth/token (8 hours)"}},
            "responses": {
                f"E{status}": {"description": text, "content": {"application/json": {"schema": error_ref}},
                               **({"headers": ERROR_HEADERS[status]} if status in ERROR_HEADERS else {})}
                for status, text in ERROR_STATUSES.items()
            },
        },
    }

