"""Roles a person may hold (codes and labels in ``eiso_contracts.rpc.common.ROLES``)."""
from __future__ import annotations

from typing import Iterable

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.common import ROLES

ADMIN = "admin"
NO_ROLE = "Cần chọn ít nhất một vai trò."


def canonical(roles: Iterable[str]) -> list[str]:
    """Known roles, once each, in the order of ``ROLES`` (leader first); at least one."""
    given = set(roles)
    unknown = sorted(given - set(ROLES))
    if unknown:
        raise InvalidInput(f"Vai trò không hợp lệ: {', '.join(unknown)}.")
    if not given:
        raise InvalidInput(NO_ROLE)
    return [role for role in ROLES if role in given]


def ordered(roles: Iterable[str]) -> list[str]:
    """Stored roles in the order of ``ROLES``, each once (unknown codes are dropped, not raised)."""
    given = set(roles)
    return [role for role in ROLES if role in given]


def labels(roles: Iterable[str]) -> list[str]:
    """The Vietnamese labels of known roles, for people to read."""
    return [ROLES[role] for role in canonical(roles)]
