"""Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ: the records archive, lending and destruction lists."""
from .routes import bp  # noqa: F401
