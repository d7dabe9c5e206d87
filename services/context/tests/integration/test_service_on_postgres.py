"""The context service on PostgreSQL and RabbitMQ, called as the gateway calls it."""
from __future__ import annotations

import pytest
from eiso_contracts.errors import AuthenticationFailed, Conflict, Forbidden, InvalidInput
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_context.demo import load_demo
from eiso_context.models import MIGRATIONS, metadata
from eiso_kit.db.engine import make_engine
from eiso_kit.db.revision import drift
from eiso_kit.testing.tap import EventTap
from eiso_kit.testing.actors import signed

pytestmark = pytest.mark.integration
DEMO = load_demo()
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def actor_of(person: dict) -> dict:
    return signed({"id": person["id"], "unit_code": person["unit_code"], "roles": person["roles"],
                   "department_id": person["department_id"], "full_name": person["full_name"]})


def test_seeded_people_reach_eiso_events(start_context, pg_config):
    with EventTap(pg_config["AMQP_URI"], routing_key="vn.eiso.context.#") as tap:
        start_context()
        tap.wait_for(lambda e: len(tap.messages) >= 6, timeout=30)
    created = {e["data"]["username"]: e for e in tap.events()}
    assert sorted(created) == sorted(p.username for p in DEMO.people)
    event = created["danhgia"]
    assert event["type"] == "vn.eiso.context.person.created.v1"
    assert event["source"] == "urn:eiso:local:context"
    assert event["subject"] == f"person/{DEMO.person_id('danhgia')}"
    assert event["data"]["roles"] == ["staff", "auditor"]


def test_sign_in_sessions_and_no_lockout(start_context, pg_config):
    start_context()
    with ClusterRpcProxy(pg_config) as proxy:
        me = proxy.context.authenticate({"username": "lanhdao", "password": "Demo@2026"})
        assert (me["full_name"], me["roles"], me["department_name"]) == ("Nguyễn Văn An", ["leader"], "Ban Giám đốc")
        messages = []
        for _ in range(6):
            with pytest.raises(AuthenticationFailed) as refused:
                proxy.context.authenticate({"username": "lanhdao", "password": "sai-mat-khau"})
            messages.append(refused.value.message)
        assert messages == [WRONG] * 6
        started = proxy.context.start_session({"username": "lanhdao", "password": "Demo@2026", "kind": "api"})
        assert proxy.context.check_session(started["token"])["id"] == me["id"]
        assert proxy.context.end_sessions(started["token"]) == {"ended": 1}
        with pytest.raises(AuthenticationFailed, match="Phiên đăng nhập đã kết thúc"):
            proxy.context.check_session(started["token"])


def test_admin_operations_and_refusals(start_context, pg_config):
    start_context()
    with EventTap(pg_config["AMQP_URI"], routing_key="vn.eiso.context.#") as tap, \
            ClusterRpcProxy(pg_config) as proxy:
        admin = actor_of(proxy.context.authenticate({"username": "admin", "password": "Demo@2026"}))
        leader = actor_of(proxy.context.authenticate({"username": "lanhdao", "password": "Demo@2026"}))
        department = proxy.context.create_department({"actor": admin, "code": "QLCL", "name": "Phòng Chất lượng"})
        assert department["sort_order"] == 6
        made = proxy.context.create_person({
            "actor": admin, "username": "ngoc.lan", "full_name": "Vũ Ngọc Lan", "title": "Chuyên viên",
            "department_id": department["id"], "roles": ["staff"], "password": "Lan@2026-mk"})
        event = tap.wait_for(lambda e: e["data"]["person_id"] == made["id"], timeout=30)
        assert event["data"]["username"] == "ngoc.lan" and event["data"]["department_id"] == department["id"]
        assert proxy.context.authenticate({"username": "ngoc.lan", "password": "Lan@2026-mk"}) == made

        with pytest.raises(Conflict, match="Tên đăng nhập đã tồn tại."):
            proxy.context.create_person({
                "actor": admin, "username": "ngoc.lan", "full_name": "Khác", "department_id": department["id"],
                "roles": ["staff"], "password": "Lan@2026-mk"})
        with pytest.raises(Forbidden, match="Chỉ quản trị hệ thống mới được thực hiện thao tác này."):
            proxy.context.create_department({"actor": leader, "code": "X", "name": "X"})
        with pytest.raises(Forbidden, match="Bạn không thể tự vô hiệu hóa tài khoản của chính mình."):
            proxy.context.set_person_active(admin, admin["id"], False)

        proxy.context.set_person_active(admin, made["id"], False)
        with pytest.raises(AuthenticationFailed, match=WRONG):
            proxy.context.authenticate({"username": "ngoc.lan", "password": "Lan@2026-mk"})
        proxy.context.reset_password({"actor": admin, "person_id": leader["id"], "new_password": "Moi@2026!vui"})
        assert proxy.context.authenticate({"username": "lanhdao", "password": "Moi@2026!vui"})["id"] == leader["id"]
        proxy.context.change_password({"actor": leader, "current_password": "Moi@2026!vui",
                                       "new_password": "Cua-toi@2026"})
        assert proxy.context.authenticate({"username": "lanhdao", "password": "Cua-toi@2026"})["id"] == leader["id"]


def test_bad_input_gives_invalid_input_with_a_readable_message(start_context, pg_config):
    start_context()
    with ClusterRpcProxy(pg_config) as proxy:
        with pytest.raises(InvalidInput) as refused:
            proxy.context.list_people({"unit_code": "SONGANH", "role": "boss"})
        assert refused.value.message == "Dữ liệu không hợp lệ — role: Value error, vai trò không hợp lệ: boss"
        with pytest.raises(InvalidInput, match="Tên đăng nhập gồm 3–64 ký tự"):
            admin = actor_of(proxy.context.authenticate({"username": "admin", "password": "Demo@2026"}))
            proxy.context.create_person({"actor": admin, "username": "thư.ký", "full_name": "X",
                                         "department_id": DEMO.department_id("VP"), "roles": ["staff"],
                                         "password": "Lan@2026-mk"})


def test_models_and_migrations_agree_on_postgres(pg_db):
    engine = make_engine(pg_db)
    try:
        assert drift(engine, MIGRATIONS, metadata) == []
    finally:
        engine.dispose()
