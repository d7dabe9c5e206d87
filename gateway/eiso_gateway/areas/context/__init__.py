"""Bối cảnh tổ chức → Tổ chức và bối cảnh (manual section 1): pages, API and the analysis's artefact description."""
from . import api  # noqa: F401  (registers its API routes)
from .routes import bp  # noqa: F401
