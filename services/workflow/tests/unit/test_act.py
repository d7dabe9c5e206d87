"""The four actions of "Chuyển hồ sơ" on the quality policy dossier, and every refusal.

A refused command raises a typed error and leaves the dossier exactly as it was.
"""
from __future__ import annotations

import copy
from datetime import date

import pytest
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput
from eiso_contracts.events.workflow import (
    DossierApproved, DossierCompleted, DossierOverdue, DossierRejected, DossierReturned, DossierSaved,
    DossierStepEntered,
)
from workflow_fakes import BGD, KH, VP, assign, at_local, command, people, policy_content, policy_request

from eiso_workflow.catalogue import load_catalogue
from eiso_workflow.domain.dossier import CLOSED, NOT_HANDLER, STALE, Dossier

POLICY = load_catalogue().get("1")
OPENED, TODAY = at_local(2026, 9, 28, 9), date(2026, 9, 28)
LATER = at_local(2026, 9, 29, 14)      # Tuesday afternoon
TUESDAY = date(2026, 9, 29)
EVERYONE = people("sec", "sec2", "lead", "lead2", "staff", "head", "gone", "other-lead")


@pytest.fixture
def dossier() -> Dossier:
    opened, _ = Dossier.open(POLICY, policy_request(), id="d-1", number=7, now=OPENED, today=TODAY)
    return opened


def act(dossier, *args, now=LATER, today=TUESDAY, **kwargs):
    return dossier.act(command(*args, **kwargs), now=now, today=today, people=EVERYONE)


def to_issue(dossier):
    """Leader approves step 2 and hands step 3 to the secretary."""
    return act(dossier, "lead", "approve", dossier.version, next=assign("sec", VP, date(2026, 10, 1)))


# -- the four actions ---------------------------------------------------------
def test_save_keeps_a_draft_and_stays_on_the_step(dossier):
    draft_next = assign("sec", VP, date(2026, 10, 1))
    (saved,) = act(dossier, "lead", "save", 1, comment="Đang xem", attachments=["f2"], next=draft_next,
                   content=policy_content(motto="  Chất lượng — Hiệu quả  "))
    assert isinstance(saved, DossierSaved)
    assert (saved.step.number, saved.actor_id, saved.comment) == (2, "lead", "Đang xem")
    assert saved.content["motto"] == "Chất lượng — Hiệu quả"   # validated and normalised by the schema
    assert dossier.version == 2 and dossier.status == "open"
    assert dossier.current.number == 2 and not dossier.current.done and len(dossier.visits) == 2
    assert (dossier.draft.comment, dossier.draft.attachments, dossier.draft.next) == ("Đang xem", ("f2",), draft_next)
    assert dossier.draft.content == saved.content
    assert dossier.history[-1].action == "save" and dossier.last_activity_at == LATER
    assert ("lead", "acted") not in dossier.participants()   # a save is not "Đã xử lý"


def test_approve_moves_to_the_next_step_with_the_chosen_handler(dossier):
    act(dossier, "lead", "save", 1, comment="nháp")
    approved, entered = act(dossier, "lead", "approve", 2, comment="Đồng ý", attachments=["f3"],
                            content=policy_content(), next=assign("sec", VP, date(2026, 10, 1)))
    assert isinstance(approved, DossierApproved) and isinstance(entered, DossierStepEntered)
    assert (approved.step.number, approved.actor_id, approved.comment, approved.attachments) == (2, "lead", "Đồng ý",
                                                                                                 ["f3"])
    assert approved.content == policy_content() and approved.next == entered.current
    assert (entered.current.step.number, entered.current.handler_id, entered.current.department_id,
            entered.current.deadline) == (3, "sec", VP, date(2026, 10, 1))
    assert entered.previous_step.number == 2
    step2 = dossier.visits[1]
    assert (step2.done_at, step2.action, step2.actor_id, step2.comment) == (LATER, "approve", "lead", "Đồng ý")
    assert dossier.current.number == 3 and dossier.version == 3 and dossier.draft is None
    assert approved.dossier.version == entered.dossier.version == 3   # one action, one version
    assert ("lead", "acted") in dossier.participants()


def test_approve_at_the_final_step_completes_the_dossier(dossier):
    to_issue(dossier)
    done = at_local(2026, 9, 30, 10)
    assert dossier.version == 2
    approved, completed = act(dossier, "sec", "approve", 2, now=done, comment="Đã ban hành")
    assert isinstance(approved, DossierApproved) and approved.next is None
    assert isinstance(completed, DossierCompleted) and completed.step.number == 3
    assert (dossier.status, dossier.closed_at, dossier.current, dossier.version) == ("completed", done, None, 3)
    assert dossier.visits[-1].action == "approve"


def test_reject_closes_the_dossier(dossier):
    (rejected,) = act(dossier, "lead", "reject", 1, comment="Không phù hợp")
    assert isinstance(rejected, DossierRejected)
    assert (rejected.step.number, rejected.actor_id, rejected.comment) == (2, "lead", "Không phù hợp")
    assert (dossier.status, dossier.closed_at, dossier.current) == ("rejected", LATER, None)
    assert dossier.visits[-1].action == "reject"


def test_return_goes_back_to_whoever_last_did_the_step_with_the_default_deadline(dossier):
    returned, entered = act(dossier, "lead", "return", 1, comment="Bổ sung phần phương châm")
    assert isinstance(returned, DossierReturned) and isinstance(entered, DossierStepEntered)
    # step 1 has 2 working days: Tuesday + 2 = Thursday
    assert (returned.returned_to.step.number, returned.returned_to.handler_id, returned.returned_to.department_id,
            returned.returned_to.deadline) == (1, "sec", VP, date(2026, 10, 1))
    assert entered.current == returned.returned_to and entered.previous_step.number == 2
    assert [v.number for v in dossier.visits] == [1, 2, 1] and dossier.visits[1].action == "return"
    assert dossier.history[-1].next.handler_id == "sec"
    # the secretary edits and submits again ("Trình duyệt"): step 2 is visited a second time
    approved, entered = act(dossier, "sec", "approve", 2, content=policy_content(motto="Mới"),
                            next=assign("lead2", BGD, date(2026, 10, 2)))
    assert approved.content["motto"] == "Mới" and entered.current.handler_id == "lead2"
    assert [v.number for v in dossier.visits] == [1, 2, 1, 2] and dossier.current.seq == 4


def test_return_may_name_another_handler(dossier):
    (returned, _) = act(dossier, "lead", "return", 1, next=assign("sec2", VP, date(2026, 10, 5)))
    assert (returned.returned_to.handler_id, returned.returned_to.deadline) == ("sec2", date(2026, 10, 5))


def test_overdue_is_reported_once_per_visit(dossier):
    assert dossier.overdue_event(date(2026, 10, 2)) is None           # the deadline day itself is on time
    event = dossier.overdue_event(date(2026, 10, 3))
    assert isinstance(event, DossierOverdue) and event.current.step.number == 2
    dossier.current.overdue_at = LATER
    assert dossier.overdue_event(date(2026, 10, 3)) is None
    act(dossier, "lead", "reject", 1)
    assert dossier.overdue_event(date(2026, 10, 9)) is None


# -- refusals -------------------------------------------------------------------
def refused(dossier, error, message, *args, **kwargs):
    before = copy.deepcopy(dossier)
    with pytest.raises(error) as caught:
        act(dossier, *args, **kwargs)
    assert message in caught.value.message
    assert dossier == before, "a refused command changed the dossier"
    return caught.value


def test_only_the_current_handler_may_act(dossier):
    for person in ("sec", "lead2", "staff", "other-lead"):
        refused(dossier, Forbidden, NOT_HANDLER, person, "approve", 1, next=assign("sec", VP, TUESDAY))
    assert NOT_HANDLER == "Bạn không phải người xử lý bước này của hồ sơ."


def test_a_stale_version_is_already_processed(dossier):
    act(dossier, "lead", "save", 1)
    error = refused(dossier, AlreadyProcessed, STALE, "lead", "approve", 1, next=assign("sec", VP, TUESDAY))
    assert error.message == "Hồ sơ đã được xử lý bởi người khác hoặc ở cửa sổ khác. Vui lòng tải lại trang."


def test_a_closed_dossier_takes_no_more_actions(dossier):
    act(dossier, "lead", "reject", 1)
    refused(dossier, AlreadyProcessed, CLOSED, "lead", "approve", 2, next=assign("sec", VP, TUESDAY))


def test_the_action_must_be_allowed_at_the_step(dossier):
    to_issue(dossier)
    refused(dossier, InvalidInput, 'không cho phép chọn "Không duyệt"', "sec", "reject", 2)
    refused(dossier, InvalidInput, 'không cho phép chọn "Bổ sung"', "sec", "return", 2)


def test_approve_before_the_final_step_needs_the_next_assignment(dossier):
    refused(dossier, InvalidInput, "Bước 3: Ban hành chính sách chất lượng", "lead", "approve", 1)


def test_the_deadline_may_not_be_in_the_past(dossier):
    refused(dossier, InvalidInput, "không được trước ngày hôm nay", "lead", "approve", 1,
            next=assign("sec", VP, date(2026, 9, 28)))
    refused(dossier, InvalidInput, "không được trước ngày hôm nay", "lead", "return", 1,
            next=assign("sec", VP, date(2026, 9, 28)))
    act(dossier, "lead", "approve", 1, next=assign("sec", VP, TUESDAY))   # today itself is fine


@pytest.mark.parametrize("handler, department, message", [
    ("staff", KH, "phải có vai trò Thư ký ISO"),
    ("lead", BGD, "phải có vai trò Thư ký ISO"),
    ("sec", BGD, "không thuộc phòng ban đã chọn"),
    ("other-sec", "dept-other", "không tìm thấy"),     # not in the looked-up people at all
    ("other-lead", "dept-other", "không thuộc đơn vị của hồ sơ"),
    ("gone", BGD, "không còn hoạt động"),
])
def test_the_next_handler_must_fit_the_next_step(dossier, handler, department, message):
    refused(dossier, InvalidInput, message, "lead", "approve", 1, next=assign(handler, department, TUESDAY))


def test_content_only_where_the_step_edits_it(dossier):
    refused(dossier, InvalidInput, "Nội dung không hợp lệ — motto", "lead", "approve", 1,
            content=policy_content(motto="   "), next=assign("sec", VP, TUESDAY))
    refused(dossier, InvalidInput, "statements", "lead", "save", 1, content={"year": 2026, "motto": "x",
                                                                             "statements": ["  "]})
    refused(dossier, InvalidInput, "extra", "lead", "save", 1, content={**policy_content(), "extra": 1})
    refused(dossier, InvalidInput, "khi trả hồ sơ để bổ sung", "lead", "return", 1, content=policy_content())
    to_issue(dossier)
    refused(dossier, InvalidInput, "không được chỉnh sửa nội dung", "sec", "approve", 2, content=policy_content())


def test_plan_names_the_people_to_look_up_and_refuses_early(dossier):
    assert dossier.plan(command("lead", "save", 1), TUESDAY) == []
    assert dossier.plan(command("lead", "reject", 1), TUESDAY) == []
    assert dossier.plan(command("lead", "approve", 1, next=assign("sec", VP, TUESDAY)), TUESDAY) == ["sec"]
    assert dossier.plan(command("lead", "return", 1), TUESDAY) == ["sec"]
    with pytest.raises(Forbidden):
        dossier.plan(command("staff", "approve", 1, next=assign("sec", VP, TUESDAY)), TUESDAY)
    with pytest.raises(AlreadyProcessed):
        dossier.plan(command("lead", "approve", 9, next=assign("sec", VP, TUESDAY)), TUESDAY)
