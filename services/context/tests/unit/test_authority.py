import pytest
from eiso_contracts.errors import Forbidden
from eiso_contracts.rpc.common import Actor

from eiso_context.domain.authority import (ADMINS_ONLY, NOT_YOURSELF, Standing, may_administer,
                                           require_admin, require_may_set_active)

ADMIN = Actor(id="p-admin", unit_code="SONGANH", roles=["admin"])
ADMIN_STANDING = Standing(person_id="p-admin", unit_code="SONGANH", roles=("admin",), active=True)


def test_an_active_admin_administers_their_own_unit():
    assert may_administer(ADMIN, ADMIN_STANDING, "SONGANH")
    require_admin(ADMIN, ADMIN_STANDING, "SONGANH")


@pytest.mark.parametrize("standing, unit", [
    (None, "SONGANH"),                                                               # not in the directory
    (Standing("p-admin", "SONGANH", ("leader", "staff"), True), "SONGANH"),          # not an admin (any more)
    (Standing("p-admin", "SONGANH", ("admin",), False), "SONGANH"),                  # deactivated
    (ADMIN_STANDING, "SOTAICHINH"),                                                  # another unit
    (Standing("p-admin", "SOTAICHINH", ("admin",), True), "SOTAICHINH"),             # claims the wrong unit
    (Standing("p-other", "SONGANH", ("admin",), True), "SONGANH"),                   # someone else's record
])
def test_everyone_else_is_refused(standing, unit):
    assert not may_administer(ADMIN, standing, unit)
    with pytest.raises(Forbidden) as refused:
        require_admin(ADMIN, standing, unit)
    assert refused.value.message == ADMINS_ONLY == "Chỉ quản trị hệ thống mới được thực hiện thao tác này."


def test_the_claimed_role_alone_is_not_enough():
    staff_claiming_admin = Actor(id="p-staff", unit_code="SONGANH", roles=["admin"])
    standing = Standing("p-staff", "SONGANH", ("staff",), True)
    assert not may_administer(staff_claiming_admin, standing, "SONGANH")


def test_an_admin_cannot_deactivate_themself():
    with pytest.raises(Forbidden, match=NOT_YOURSELF):
        require_may_set_active(ADMIN, "p-admin", active=False)
    require_may_set_active(ADMIN, "p-admin", active=True)
    require_may_set_active(ADMIN, "p-other", active=False)


def test_no_actor_is_no_admin():
    assert not may_administer(None, ADMIN_STANDING, "SONGANH")
    with pytest.raises(Forbidden, match=ADMINS_ONLY):
        require_admin(None, None, "SONGANH")
