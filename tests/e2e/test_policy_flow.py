"""Manual section 2 through the real services, RabbitMQ and PostgreSQL, at the RPC level.

The secretary drafts and submits a quality policy; the workflow opens dossier
"Lập chính sách chất lượng"; the leader edits the motto, approves and picks who
issues it; the secretary issues it; the policy is in force. An outside AMQP
client bound to ``eiso.events`` sees every fact as a valid CloudEvent.
"""
import json
from datetime import timedelta

import jsonschema
import pytest
import requests
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_contracts import catalogue
from eiso_contracts.errors import AlreadyProcessed, Forbidden, NotFound
from eiso_kit.clock import local_today
from eiso_kit.testing.tap import EventTap
from eiso_kit.testing.actors import signed
from eiso_kit.testing.waiting import wait_until

pytestmark = pytest.mark.integration

POLICY = {
    "year": 2026,
    "motto": "Không ngừng nâng cao chất lượng hoạt động quản lý nhà nước và dịch vụ công về KHCN",
    "statements": ["Thực hiện tốt vai trò quản lý nhà nước về KHCN",
                   "Không ngừng nâng cao chất lượng dịch vụ công"],
}


def actor(person):
    """The person as the gateway sends them: signed (every service refuses an unsigned actor)."""
    return signed({key: person[key] for key in ("id", "unit_code", "roles", "department_id", "full_name")})


def test_quality_policy_from_draft_to_in_force(whole_system):
    settings, config = whole_system
    today = local_today(settings.timezone)
    with EventTap(config["AMQP_URI"], routing_key="#") as tap, ClusterRpcProxy(config, timeout=30) as rpc:
        secretary = rpc.context.authenticate({"username": "thuky", "password": "Demo@2026"})
        leader = rpc.context.authenticate({"username": "lanhdao", "password": "Demo@2026"})
        head = rpc.context.authenticate({"username": "truongphong", "password": "Demo@2026"})

        # An attachment goes to the documents service over its HTTP endpoint, with the grant it issued
        # for the secretary; only its id travels.
        grant = rpc.documents.grant_upload({"actor": actor(secretary)})["grant"]
        upload = requests.post(f"{settings.documents_url}/files", data=b"%PDF-1.4 to trinh",
                               headers={"X-Eiso-Grant": grant,
                                        "X-Eiso-Filename": "T%E1%BB%9D%20tr%C3%ACnh.pdf",
                                        "Content-Type": "application/pdf"}, timeout=10)
        assert upload.status_code == 201, upload.text
        attachment = upload.json()

        # Bước 1: the secretary submits, choosing the leader for Bước 2.
        policy = rpc.quality.submit_policy({
            "actor": actor(secretary), "content": POLICY, "comment": "Kính trình Lãnh đạo phê duyệt",
            "attachments": [attachment["id"]], "request_id": "form-1",
            "route": {"department_id": leader["department_id"], "handler_id": leader["id"],
                      "deadline": str(today + timedelta(days=3))},
        })
        assert policy["status"] == "submitted"

        # The leader finds it under Kiểm soát hoạt động ISO → Chưa xử lý.
        inbox = wait_until(lambda: (page := rpc.workflow.inbox({"actor": actor(leader), "tab": "todo"}))["total"]
                           and page)
        (summary,) = inbox["items"]
        assert summary["type_name"] == "Lập chính sách chất lượng"
        code = summary["code"]
        assert code.startswith(f"1-{today.year}-") and code.endswith("-SONGANH")

        # Thông tin hồ sơ, then Xử lý: edit the motto, Duyệt, pick the secretary to issue it.
        dossier = rpc.workflow.get_dossier(code, actor(leader))
        assert [s["state"] for s in dossier["steps"]] == ["done", "current", "not_reached"]
        assert dossier["steps"][0]["attachments"] == [attachment["id"]]
        assert dossier["steps"][0]["department_id"] == secretary["department_id"]  # "Phòng ban xử lý" of Bước 1
        form = dossier["form"]
        assert set(form["actions"]) == {"save", "approve", "reject", "return"}
        edited = dict(POLICY, motto=POLICY["motto"] + " — lãnh đạo chỉnh sửa")

        with pytest.raises(NotFound):  # a department head with no part in it does not even see it
            rpc.workflow.act({"code": code, "actor": actor(head), "expected_version": dossier["version"],
                              "action": "approve"})
        with pytest.raises(Forbidden):  # the secretary sees it (she opened it) but is not the handler
            rpc.workflow.act({"code": code, "actor": actor(secretary), "expected_version": dossier["version"],
                              "action": "approve"})
        rpc.workflow.act({
            "code": code, "actor": actor(leader), "expected_version": dossier["version"], "action": "approve",
            "comment": "Đồng ý, chuyển Thư ký ban hành", "content": edited,
            "next": {"department_id": secretary["department_id"], "handler_id": secretary["id"],
                     "deadline": str(today + timedelta(days=2))},
        })
        with pytest.raises(AlreadyProcessed):  # the same form submitted again (a second window)
            rpc.workflow.act({"code": code, "actor": actor(leader), "expected_version": dossier["version"],
                              "action": "approve"})

        wait_until(lambda: rpc.quality.get_policy(policy["id"], actor(secretary))["status"] == "approved")
        assert rpc.quality.get_policy(policy["id"], actor(secretary))["content"]["motto"] == edited["motto"]

        # Bước 3: the secretary issues it (Ban hành).
        dossier = wait_until(lambda: (d := rpc.workflow.get_dossier(code, actor(secretary)))["form"] and d)
        assert dossier["form"]["approve_label"] == "Ban hành"
        done = rpc.workflow.act({"code": code, "actor": actor(secretary), "expected_version": dossier["version"],
                                 "action": "approve", "comment": "Đã ban hành"})
        assert done["status"] == "completed"

        in_force = wait_until(lambda: rpc.quality.get_policy_in_force(actor(secretary)))
        assert in_force["id"] == policy["id"] and in_force["status"] == "issued"
        assert in_force["content"]["motto"] == edited["motto"] and in_force["revision"] == 2
        assert rpc.workflow.inbox({"actor": actor(leader), "tab": "completed"})["total"] == 1

        tap.wait_for(lambda e: e["type"].endswith("quality.policy.issued.v1"))
        tap.drain(0.5)

    events = tap.events()
    types = [e["type"].removeprefix("vn.eiso.") for e in events]
    for expected in ("documents.file.stored.v1", "quality.policy.submitted.v1", "workflow.dossier.opened.v1",
                     "workflow.dossier.step_entered.v1", "workflow.dossier.approved.v1",
                     "quality.policy.revised.v1", "workflow.dossier.completed.v1",
                     "quality.policy.issued.v1"):
        assert expected in types, f"{expected} missing from {types}"
    # Every event an outsider receives is a valid CloudEvent of the published catalogue.
    for event in events:
        event_type = event["type"].removeprefix("vn.eiso.")
        schema = json.loads((catalogue.CATALOGUE / "events" / f"{event_type}.schema.json").read_text())
        jsonschema.validate(event, schema)
    assert len({(e["source"], e["id"]) for e in events}) == len(events)
