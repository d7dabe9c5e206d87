"""Who may administer a unit, and what even an administrator may not do.

Permissions are decided from the directory's own record of the acting person
(``Standing``), not only from what the caller claims: a person whose admin
role was withdrawn, or who was deactivated, loses the right at once, even
while an old session still carries the role.
"""
from __future__ import annotations

from dataclasses import dataclass

from eiso_contracts.errors import Forbidden
from eiso_contracts.rpc.common import Actor

from .roles import ADMIN

ADMINS_ONLY = "Chỉ quản trị hệ thống mới được thực hiện thao tác này."
NOT_YOURSELF = "Bạn không thể tự vô hiệu hóa tài khoản của chính mình."


@dataclass(frozen=True)
class Standing:
    """What the directory knows about the acting person."""

    person_id: str
    unit_code: str
    roles: tuple[str, ...]
    active: bool


def may_administer(actor: Actor | None, standing: Standing | None, unit_code: str) -> bool:
    """An active admin of ``unit_code``, who is who the caller says (no actor: no one)."""
    return (
        actor is not None
        and standing is not None
        and standing.person_id == actor.id
        and standing.active
        and ADMIN in standing.roles
        and standing.unit_code == actor.unit_code == unit_code
    )


def require_admin(actor: Actor | None, standing: Standing | None, unit_code: str) -> None:
    if not may_administer(actor, standing, unit_code):
        raise Forbidden(ADMINS_ONLY)


def require_may_set_active(actor: Actor, person_id: str, active: bool) -> None:
    """An admin cannot deactivate themself (and so lock the unit out of its administration)."""
    if not active and person_id == actor.id:
        raise Forbidden(NOT_YOURSELF)
