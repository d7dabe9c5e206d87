"""Rules of departments (Phòng ban) within a unit."""
from __future__ import annotations

from typing import Iterable

CODE_TAKEN = "Mã phòng ban đã tồn tại trong đơn vị."
NOT_IN_UNIT = "Không tìm thấy phòng ban trong đơn vị của bạn."
NOT_FOUND = "Không tìm thấy phòng ban."


def normalize_code(typed: str) -> str:
    """Department codes are upper case (QLKH, VP); a typed ``qlkh`` is the same code."""
    return typed.strip().upper()


def next_sort_order(existing: Iterable[int]) -> int:
    """Where a department without an explicit place goes: after the last one."""
    return max(existing, default=0) + 1
