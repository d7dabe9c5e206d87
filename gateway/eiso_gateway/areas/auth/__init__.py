"""Đăng nhập / Đăng xuất, the language switch, "Đổi mật khẩu", and the API's bearer tokens."""
from . import api  # noqa: F401  (registers its API routes)
from .routes import bp  # noqa: F401
