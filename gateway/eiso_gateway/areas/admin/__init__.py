"""Quản trị (departments and people of the unit) and the organisation's lists over the API."""
from . import api  # noqa: F401  (registers its API routes)
from .routes import bp  # noqa: F401
