"""health, list_definitions, get_definition and validate_request over RPC."""
from __future__ import annotations

from datetime import timedelta

import pytest
from eiso_contracts.errors import InvalidInput, NotFound
from workflow_fakes import KH, VP, policy_request


def test_health(workflow):
    assert workflow.workflow.health() == {"service": "workflow", "status": "ok", "checks": {"database": "ok"}}


def test_definitions(workflow):
    found = workflow.workflow.list_definitions()
    assert [d["code"] for d in found] == ["1", "3", "6", "7", "10", "11", "12"]  # the packaged types, in code order
    policy = found[0]
    assert (policy["code"], policy["name"], policy["content_schema"]) == ("1", "Lập chính sách chất lượng",
                                                                          "quality.policy")
    assert [s["approve_label"] for s in policy["steps"]] == ["Trình duyệt", "Duyệt", "Ban hành"]
    assert workflow.workflow.get_definition("1") == policy
    with pytest.raises(NotFound, match="Không có loại hồ sơ mã '99'"):
        workflow.workflow.get_definition("99")
    with pytest.raises(InvalidInput):
        workflow.workflow.get_definition({"code": "1"})


def test_validate_request_accepts_a_good_request(workflow):
    request = policy_request(deadline=workflow.today)
    assert workflow.workflow.validate_request(request.model_dump(mode="json")) == {"ok": True}


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(type_code="99"), InvalidInput, "Không có loại hồ sơ mã '99'"),
    (dict(kind="objective"), InvalidInput, "không dành cho quality/objective"),
    (dict(handler="staff", department=KH), InvalidInput, "phải có vai trò Lãnh đạo đơn vị"),
    (dict(handler="lead", department=VP), InvalidInput, "không thuộc phòng ban đã chọn"),
    (dict(handler="nobody"), InvalidInput, "không tìm thấy người xử lý"),
    (dict(handler="gone"), InvalidInput, "không còn hoạt động"),
    (dict(opened_by="staff"), InvalidInput, "phải có vai trò Thư ký ISO"),
])
def test_validate_request_refuses(workflow, kwargs, error, message):
    kwargs.setdefault("deadline", workflow.today + timedelta(days=1))
    with pytest.raises(error, match=message):
        workflow.workflow.validate_request(policy_request(**kwargs).model_dump(mode="json"))


def test_validate_request_refuses_a_past_deadline_and_malformed_input(workflow):
    request = policy_request(deadline=workflow.today - timedelta(days=1))
    with pytest.raises(InvalidInput, match="không được trước ngày hôm nay"):
        workflow.workflow.validate_request(request.model_dump(mode="json"))
    with pytest.raises(InvalidInput, match="Dữ liệu không hợp lệ"):
        workflow.workflow.validate_request({"type_code": "1"})
