"""Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ (ISO 7.5.3): the records archive, lending, destruction."""
