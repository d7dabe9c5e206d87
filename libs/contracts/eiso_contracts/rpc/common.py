"""Pieces every RPC interface shares."""
from __future__ import annotations

from pydantic import ConfigDict, Field

from ..base import Contract
from ..dossier import Id

# Role codes and their labels in the user's manual.
ROLES: dict[str, str] = {
    "leader": "Lãnh đạo đơn vị",
    "secretary": "Thư ký ISO",
    "dept_head": "Trưởng phòng",
    "staff": "Chuyên viên",
    "auditor": "Đánh giá viên nội bộ",
    "admin": "Quản trị hệ thống",
}


class Model(Contract):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Actor(Model):
    """The authenticated person a command is done for; the gateway vouches for it."""

    id: Id = Field(min_length=1)
    unit_code: str = Field(min_length=1)
    roles: list[str] = Field(default_factory=list)
    department_id: Id | None = None
    full_name: str = ""
    # The gateway's signature over the fields above and the time ("<unix time>.<hex HMAC>"): services
    # refuse an actor without a valid, fresh one (eiso_kit.actors).
    proof: str | None = Field(default=None, max_length=200)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)


class Health(Model):
    service: str
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
