"""Kiểm soát tài liệu (manual section 7): the register, documents and their versions, the search, PDF view."""
from .routes import bp  # noqa: F401
