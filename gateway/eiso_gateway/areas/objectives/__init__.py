"""Mục tiêu chất lượng hàng năm (manual section 3): versions, the objectives' dossier, measurement per department."""
from .routes import bp  # noqa: F401
from . import measurement  # noqa: F401  (its routes)
