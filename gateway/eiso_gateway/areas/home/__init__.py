"""Trang chủ: the quality policy in force and the person's inbox counts."""
from .routes import bp  # noqa: F401
