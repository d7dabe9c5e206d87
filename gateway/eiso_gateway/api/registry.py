"""The API blueprint and its route table (the source of the OpenAPI document)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint

from ..identity import token_required
from . import paths

bp = Blueprint("api", __name__, url_prefix="/api/v1")

PREFIX = "/api/v1"


@dataclass(frozen=True)
class Param:
    name: str
    where: str = "query"          # query | header
    schema: dict = field(default_factory=lambda: {"type": "string"})
    description: str = ""
    required: bool = False


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str                     # OpenAPI style, relative to /api/v1: /dossiers/{code}
    endpoint: str
    summary: str
    tag: str
    request: Any = None           # a pydantic model, or "multipart"
    response: Any = None          # a model, ("list", model), ("nullable", model), "binary" or a schema dict
    status: int = 200
    params: tuple[Param, ...] = ()
    auth: bool = True
    throttled: bool = False       # may answer 429 with Retry-After (sign-in budgets, the daily upload quota)

    @property
    def full_path(self) -> str:
        return PREFIX + self.path

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"\{(\w+)\}", self.path)


ROUTES: list[ApiRoute] = []


def checked_path(view):
    """The view, called only with path parameters ``paths`` accepts (422 otherwise, after the token check)."""

    @wraps(view)
    def run(**values):
        return view(**{name: paths.check(name, value) for name, value in values.items()})

    return run


def route(method: str, path: str, *, tag: str, request=None, response=None, status: int = 200,
          params: tuple[Param, ...] = (), auth: bool = True, throttled: bool = False):
    """Register a view on the blueprint AND in the route table; the docstring's first line is the summary."""

    def decorate(view):
        summary = (view.__doc__ or view.__name__).strip().splitlines()[0]
        entry = ApiRoute(method, path, view.__name__, summary, tag, request, response, status, params, auth,
                         throttled)
        for name in entry.path_params:
            paths.schema(name)  # a parameter without a type in paths.PATH_TYPES: KeyError at import
        ROUTES.append(entry)
        rule = re.sub(r"\{(\w+)\}", r"<\1>", path)
        checked = checked_path(view)
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=token_required(checked) if auth else checked,
                        methods=[method])
        return view

    return decorate
