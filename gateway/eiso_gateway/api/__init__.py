"""JSON API under /api/v1, described by an OpenAPI 3.1 document built from the same route table.

Each view is declared with ``@route(...)``, which both registers the Flask
rule and records the operation (models, parameters, status) in ``ROUTES``;
``/api/v1/openapi.json`` is generated from that table and the pydantic
models, so the document cannot silently miss a route. Each area declares its
own operations (``areas/<area>/api.py``); this package holds the blueprint,
the table, the JSON helpers and the system routes (health, the document).
Authentication is a bearer token only (never the session cookie), which is
why the blueprint is exempt from CSRF.
"""
from .registry import ROUTES, Param, bp, route  # noqa: F401
from . import system  # noqa: F401,E402  (registers health and the document)
