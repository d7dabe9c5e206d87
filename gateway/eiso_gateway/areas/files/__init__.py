"""Tập tin: downloads for pages and the API, uploads over the API."""
from . import api  # noqa: F401  (registers its API routes)
from .routes import bp  # noqa: F401
