"""Who measures and who sees: the department head their own department; the leader and the secretary every one."""
from __future__ import annotations

from eiso_contracts.errors import Forbidden
from eiso_contracts.rpc.common import Actor

OWN_DEPARTMENT = "Chỉ Trưởng phòng của phòng ban này được đặt mục tiêu và nhập kết quả đo lường của phòng."
NOT_ALLOWED = "Bạn không có quyền xem kết quả đo lường mục tiêu chất lượng."
SEE_ALL = ("leader", "secretary")


def check_may_measure(actor: Actor, department_id: str) -> None:
    if not (actor.has_role("dept_head") and actor.department_id == department_id):
        raise Forbidden(OWN_DEPARTMENT)


def visible_departments(actor: Actor, asked: str | None) -> str | None:
    """The department the actor may read (``asked``, or their own); None: every department of the unit."""
    if actor.has_role(*SEE_ALL):
        return asked
    if actor.has_role("dept_head") and actor.department_id is not None:
        if asked is not None and asked != actor.department_id:
            raise Forbidden(NOT_ALLOWED)
        return actor.department_id
    raise Forbidden(NOT_ALLOWED)
