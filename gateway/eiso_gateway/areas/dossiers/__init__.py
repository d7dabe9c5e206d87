"""Kiểm soát hoạt động ISO: the inbox, "Thông tin hồ sơ", "Xử lý" and the generic "Tạo hồ sơ" page."""
from . import api, process  # noqa: F401  (register their routes)
from .routes import bp  # noqa: F401
