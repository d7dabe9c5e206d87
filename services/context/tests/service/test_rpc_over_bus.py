"""Over the (in-memory) bus, answers are plain JSON and refusals keep their class."""
from __future__ import annotations

import pytest
from eiso_contracts.errors import AuthenticationFailed, Forbidden, InvalidInput, NotFound
from nameko.standalone.rpc import ClusterRpcProxy
from eiso_kit.testing.actors import signed


def test_callers_get_json_and_typed_errors(context, context_config, demo):
    with ClusterRpcProxy(context_config) as proxy:
        me = proxy.context.authenticate({"username": "thuky", "password": "Demo@2026"})
        assert me["id"] == demo.person_id("thuky")
        with pytest.raises(AuthenticationFailed) as wrong:
            proxy.context.authenticate({"username": "thuky", "password": "sai"})
        assert wrong.value.message == "Tên đăng nhập hoặc mật khẩu không đúng."
        with pytest.raises(NotFound):
            proxy.context.get_person("nobody")
        with pytest.raises(InvalidInput):
            proxy.context.list_people({"unit_code": ""})
        actor = signed({"id": me["id"], "unit_code": "SONGANH", "roles": me["roles"]})
        with pytest.raises(Forbidden, match="Chỉ quản trị hệ thống mới được thực hiện thao tác này."):
            proxy.context.set_person_active(actor, demo.person_id("nhanvien"), False)
        assert proxy.context.get_people(person_ids=[me["id"]]) == [me]
