"""Đánh giá nội bộ (manual section 4): the year's programme, audit plans, checklists, findings, reports."""
from . import plans  # noqa: F401  (registers the audit pages on the blueprint)
from .routes import bp  # noqa: F401
