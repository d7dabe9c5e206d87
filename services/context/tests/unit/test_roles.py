import pytest
from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.common import ROLES

from eiso_context.domain.roles import NO_ROLE, canonical, labels, ordered


def test_roles_come_once_each_in_the_order_of_the_manual():
    assert canonical(["staff", "auditor", "staff"]) == ["staff", "auditor"]
    assert canonical(["admin", "leader"]) == ["leader", "admin"]


def test_unknown_roles_are_named_in_the_refusal():
    with pytest.raises(InvalidInput, match="Vai trò không hợp lệ: boss, king."):
        canonical(["king", "staff", "boss"])


def test_at_least_one_role():
    with pytest.raises(InvalidInput, match=NO_ROLE):
        canonical([])


def test_labels_are_the_manuals_words():
    assert labels(["auditor", "staff"]) == ["Chuyên viên", "Đánh giá viên nội bộ"]
    assert labels(list(ROLES)) == list(ROLES.values())


def test_stored_roles_are_ordered_without_raising():
    assert ordered(["staff", "retired", "leader"]) == ["leader", "staff"]
