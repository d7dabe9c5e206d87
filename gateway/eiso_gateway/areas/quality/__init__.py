"""Chính sách chất lượng (manual section 2): pages, API and the policy's artefact description."""
from . import api  # noqa: F401  (registers its API routes)
from .routes import bp  # noqa: F401
