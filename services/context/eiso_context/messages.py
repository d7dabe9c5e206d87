"""Answers shared by several use cases (rule messages live beside their rules in ``domain``)."""

UNKNOWN_PERSON = "Không tìm thấy người dùng."
UNKNOWN_UNIT = "Không tìm thấy đơn vị."
