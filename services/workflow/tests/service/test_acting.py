"""The "Chuyển hồ sơ" action over RPC: events through the outbox, audit trail, typed refusals."""
from __future__ import annotations

from datetime import timedelta

import pytest
from eiso_contracts.errors import AlreadyProcessed, Forbidden, IdempotencyKeyReused, InvalidInput, NotFound
from sqlalchemy import select
from workflow_fakes import BGD, KH, VP, assign, policy_content

from eiso_kit.clock import local_today
from eiso_workflow.domain.calendar import add_working_days
from eiso_workflow.models import dossiers, participants, steps


def test_the_policy_dossier_from_submission_to_issue(workflow):
    code = workflow.open()["code"]
    in_two_days = workflow.today + timedelta(days=2)

    saved = workflow.act("lead", "save", code, comment="Đang xem", content=policy_content(motto="Nháp"))
    assert saved["version"] == 2 and saved["form"]["draft"]["comment"] == "Đang xem"
    assert saved["form"]["draft"]["content"]["motto"] == "Nháp"

    approved = workflow.act("lead", "approve", code, comment="Đồng ý", content=policy_content(motto="Chất lượng"),
                            next=assign("sec", VP, in_two_days))
    assert approved["version"] == 3 and approved["form"] is None      # the leader is no longer the handler
    assert [s["state"] for s in approved["steps"]] == ["done", "done", "current"]
    assert approved["current_step"]["handler_id"] == "sec"

    issuing = workflow.view(code, "sec")
    assert issuing["form"]["approve_label"] == "Ban hành" and issuing["form"]["next_step"] is None
    issued = workflow.act("sec", "approve", code, comment="Đã ban hành")
    assert (issued["status"], issued["status_label"], issued["current_step"]) == ("completed", "Hoàn thành", None)
    # The leader's "Chưa chuyển" is a draft: only its author sees it in the history (issue 6).
    assert [h["action_label"] for h in issued["history"]] == ["Trình duyệt", "Duyệt", "Ban hành"]
    assert [h["action_label"] for h in workflow.view(code, "lead")["history"]] == [
        "Trình duyệt", "Chưa chuyển", "Duyệt", "Ban hành"]

    events = [e for e in workflow.tables.outbox() if e["subject"] == f"dossier/{code}"]
    assert [e["type"] for e in events] == [
        "workflow.dossier.opened.v1", "workflow.dossier.step_entered.v1", "workflow.dossier.saved.v1",
        "workflow.dossier.approved.v1", "workflow.dossier.step_entered.v1", "workflow.dossier.approved.v1",
        "workflow.dossier.completed.v1"]
    assert [e["data"]["dossier"]["version"] for e in events] == [1, 1, 2, 3, 3, 4, 4]
    assert events[3]["data"]["content"]["motto"] == "Chất lượng"
    assert events[3]["data"]["next"]["handler_id"] == "sec" and events[4]["data"]["current"]["step"]["number"] == 3
    assert workflow.tables.audit() == [("open", "sec"), ("save", "lead"), ("approve", "lead"), ("approve", "sec")]
    assert set(workflow.tables.rows(select(participants.c.person_id, participants.c.kind))) == {
        ("sec", "opened"), ("sec", "handler"), ("sec", "acted"), ("lead", "handler"), ("lead", "acted")}


def test_return_for_more_information_and_resubmit(workflow):
    code = workflow.open()["code"]
    returned = workflow.act("lead", "return", code, comment="Bổ sung phương châm")
    current = returned["current_step"]
    assert (current["number"], current["handler_id"], current["department_id"]) == (1, "sec", VP)
    assert current["deadline"] == add_working_days(local_today("Asia/Ho_Chi_Minh"), 2).isoformat()
    assert workflow.tables.outbox_types(code)[-2:] == ["workflow.dossier.returned.v1",
                                                       "workflow.dossier.step_entered.v1"]
    resubmitted = workflow.act("sec", "approve", code, content=policy_content(motto="Mới"),
                               next=assign("lead", BGD, workflow.today))
    assert resubmitted["current_step"]["number"] == 2
    assert [s["state"] for s in resubmitted["steps"]] == ["done", "current", "not_reached"]


def test_reject_closes_and_then_nothing_more_happens(workflow):
    code = workflow.open()["code"]
    rejected = workflow.act("lead", "reject", code, comment="Không phù hợp")
    assert (rejected["status"], rejected["status_label"]) == ("rejected", "Không duyệt")
    with pytest.raises(AlreadyProcessed, match="Hồ sơ đã kết thúc"):
        workflow.act("lead", "approve", code, version=rejected["version"], next=assign("sec", VP, workflow.today))
    assert workflow.tables.outbox_types(code)[-1] == "workflow.dossier.rejected.v1"


def _state(workflow, code):
    """Everything an action could change: the dossier row, its step visits, its outbox and audit."""
    dossier = workflow.tables.rows(select(dossiers).where(dossiers.c.code == code))
    visits = workflow.tables.rows(select(steps).order_by(steps.c.seq))
    return dossier, visits, workflow.tables.outbox(), workflow.tables.audit()


def test_a_non_handler_is_forbidden_and_nothing_changes(workflow):
    code = workflow.open()["code"]
    before = _state(workflow, code)
    for person in ("sec", "lead2"):  # they see it (its opener, a leader of the unit) but do not handle it
        with pytest.raises(Forbidden, match="Bạn không phải người xử lý bước này của hồ sơ."):
            workflow.act(person, "approve", code, version=1, next=assign("sec", VP, workflow.today))
    with pytest.raises(NotFound):  # staff who take no part in it do not even see it (issue 6)
        workflow.act("staff", "approve", code, version=1, next=assign("sec", VP, workflow.today))
    assert _state(workflow, code) == before


def test_a_stale_form_gets_already_processed(workflow):
    code = workflow.open()["code"]
    workflow.act("lead", "save", code, version=1)
    before = _state(workflow, code)
    with pytest.raises(AlreadyProcessed, match="Hồ sơ đã được xử lý bởi người khác hoặc ở cửa sổ khác. "
                                               "Vui lòng tải lại trang."):
        workflow.act("lead", "approve", code, version=1, next=assign("sec", VP, workflow.today))
    assert _state(workflow, code) == before


@pytest.mark.parametrize("handler, department, days, extra, message", [
    (None, None, 0, {}, "Vui lòng chọn phòng ban, người xử lý và hạn cuối xử lý"),
    ("staff", KH, 0, {}, "phải có vai trò Thư ký ISO"),
    ("sec", BGD, 0, {}, "không thuộc phòng ban đã chọn"),
    ("nobody", VP, 0, {}, "không tìm thấy người xử lý"),
    ("sec", VP, -1, {}, "không được trước ngày hôm nay"),
    ("sec", VP, 0, {"content": {"motto": ""}}, "Nội dung không hợp lệ"),
    ("sec", VP, 0, {"action": "delegate"}, "Dữ liệu không hợp lệ — action"),
])
def test_invalid_transfers_are_refused_and_change_nothing(workflow, handler, department, days, extra, message):
    code = workflow.open()["code"]
    before = _state(workflow, code)
    next_ = assign(handler, department, workflow.today + timedelta(days=days)) if handler else None
    extra = dict(extra)
    action = extra.pop("action", "approve")
    with pytest.raises(InvalidInput, match=message):
        workflow.act("lead", action, code, version=1, next=next_, **extra)
    assert _state(workflow, code) == before


def test_unknown_and_other_units_dossiers_are_not_found(workflow):
    code = workflow.open()["code"]
    with pytest.raises(NotFound, match="Không tìm thấy hồ sơ 1-2000-9-SONGANH"):
        workflow.view("1-2000-9-SONGANH", "lead")
    with pytest.raises(NotFound):
        workflow.view(code, "other-lead")
    with pytest.raises(NotFound):
        workflow.act("other-lead", "reject", code, version=1)
    assert workflow.view(code.lower(), "lead2")["code"] == code     # the unit's leaders, secretary, auditors
    with pytest.raises(NotFound):                                   # staff only what they take part in
        workflow.view(code, "staff")
    with pytest.raises(InvalidInput):
        workflow.workflow.get_dossier(12, {"id": "lead", "unit_code": "SONGANH"})


def test_an_action_sent_again_with_its_key_is_applied_once_and_answered(workflow):
    """Issue 5, finding 5: a command that timed out at the gateway is safe to send again with its key."""
    code = workflow.open()["code"]
    route = assign("sec", VP, workflow.today + timedelta(days=2))
    first = workflow.act("lead", "approve", code, version=1, next=route, request_id="form-1")
    again = workflow.act("lead", "approve", code, version=1, next=route, request_id="form-1")
    assert again == first and first["version"] == 2
    assert workflow.tables.outbox_types(code).count("workflow.dossier.approved.v1") == 1
    assert [action for action, _ in workflow.tables.audit()] == ["open", "approve"]
    # Without the key the same submission is stale, as before.
    with pytest.raises(AlreadyProcessed):
        workflow.act("lead", "approve", code, version=1, next=route)
    # The key is bound to what was sent: other content under it is refused, not answered.
    with pytest.raises(IdempotencyKeyReused):
        workflow.act("lead", "reject", code, version=1, request_id="form-1")
    # A key is its sender's own: the same key from the next handler is a new action.
    done = workflow.act("sec", "approve", code, version=2, request_id="form-1")
    assert done["status"] == "completed"


def test_every_action_raises_the_version_by_one_and_tells_owners(workflow):
    """What eiso_kit.dossiers.sequence relies on: owners can tell an early fact from the next one."""
    from eiso_kit.dossiers import PROGRESS_EVENT_TYPES

    code = workflow.open()["code"]
    soon = workflow.today + timedelta(days=2)
    workflow.act("lead", "save", code, comment="Nháp")
    workflow.act("lead", "return", code, comment="Bổ sung")
    workflow.act("sec", "approve", code, next=assign("lead", BGD, soon))
    workflow.act("lead", "approve", code, next=assign("sec", VP, soon))
    workflow.act("sec", "approve", code)
    events = [e for e in workflow.tables.outbox() if e["subject"] == f"dossier/{code}"]
    versions = [e["data"]["dossier"]["version"] for e in events]
    assert sorted(set(versions)) == list(range(1, max(versions) + 1)) == list(range(1, 7))
    for version in set(versions):
        assert any(e["type"] in PROGRESS_EVENT_TYPES for e in events
                   if e["data"]["dossier"]["version"] == version), version
