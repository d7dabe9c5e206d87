"""Opening a dossier from a DossierRequest: step 1 done by the requester, step 2 entered."""
from __future__ import annotations

from datetime import date

import pytest
from eiso_contracts.errors import InvalidInput
from eiso_contracts.events.workflow import DossierOpened, DossierStepEntered
from workflow_fakes import BGD, KH, VP, at_local, people, policy_request

from eiso_workflow.catalogue import load_catalogue
from eiso_workflow.domain.dossier import Dossier, check_opening

POLICY = load_catalogue().get("1")
NOW, TODAY = at_local(2026, 9, 28, 9), date(2026, 9, 28)


def test_open_records_step_one_done_and_enters_step_two():
    dossier, events = Dossier.open(POLICY, policy_request(), id="d-1", number=7, now=NOW, today=TODAY)
    assert dossier.code == "1-2026-7-SONGANH" and (dossier.year, dossier.number) == (2026, 7)
    assert (dossier.status, dossier.version, dossier.opened_by) == ("open", 1, "sec")
    first, second = dossier.visits
    assert (first.number, first.handler_id, first.actor_id, first.action, first.done_at) == (1, "sec", "sec",
                                                                                             "approve", NOW)
    assert (first.comment, first.attachments) == ("Kính trình lãnh đạo", ["file-1"])
    assert (second.number, second.handler_id, second.department_id, second.deadline, second.done) == (
        2, "lead", BGD, date(2026, 10, 2), False)
    assert dossier.current is second and dossier.current_step.key == "approval"
    (record,) = dossier.history
    assert (record.action, record.actor_id, record.step_number, record.next.handler_id) == ("approve", "sec", 1,
                                                                                           "lead")
    opened, entered = events
    assert isinstance(opened, DossierOpened) and isinstance(entered, DossierStepEntered)
    assert opened.dossier.code == "1-2026-7-SONGANH" and opened.title == "Chính sách chất lượng năm 2026"
    assert opened.current.step.number == 2 and opened.current.handler_id == "lead"
    assert entered.previous_step.number == 1 and entered.current == opened.current
    assert dossier.participants() == {("sec", "opened"), ("sec", "handler"), ("sec", "acted"), ("lead", "handler")}


def test_the_year_of_the_code_is_the_local_year():
    # 31/12 23:30 in Vietnam is still 31/12 in UTC too, but 01/01 00:30 local is 31/12 in UTC.
    new_year = at_local(2027, 1, 1, 0, 30)
    dossier, _ = Dossier.open(POLICY, policy_request(), id="d", number=1, now=new_year, today=date(2027, 1, 1))
    assert dossier.code == "1-2027-1-SONGANH"


def test_open_refuses_a_request_for_another_kind_of_artefact():
    with pytest.raises(InvalidInput, match="dành cho quality/policy"):
        Dossier.open(POLICY, policy_request(service="audit", kind="programme"), id="d", number=1, now=NOW,
                     today=TODAY)
    with pytest.raises(InvalidInput, match="không khớp"):
        Dossier.open(POLICY, policy_request(type_code="2"), id="d", number=1, now=NOW, today=TODAY)


def test_open_accepts_a_late_event_with_a_passed_deadline():
    dossier, _ = Dossier.open(POLICY, policy_request(deadline=date(2026, 9, 1)), id="d", number=1, now=NOW,
                              today=TODAY)
    assert dossier.current.deadline == date(2026, 9, 1)


def test_check_opening_accepts_a_good_request():
    check_opening(POLICY, policy_request(), today=TODAY, people=people("sec", "lead"))


@pytest.mark.parametrize("request_kwargs, message", [
    (dict(deadline=date(2026, 9, 27)), r"Hạn cuối xử lý \(27/09/2026\) không được trước ngày hôm nay \(28/09/2026\)"),
    (dict(handler="staff", department=KH), "phải có vai trò Lãnh đạo đơn vị"),
    (dict(handler="lead", department=VP), "không thuộc phòng ban đã chọn"),
    (dict(handler="gone"), "không còn hoạt động"),
    (dict(handler="other-lead", department="dept-other"), "không thuộc đơn vị của hồ sơ"),
    (dict(handler="nobody"), "không tìm thấy người xử lý"),
    (dict(opened_by="lead"), "Bước 1: Thư ký ISO lập chính sách chất lượng — người xử lý phải có vai trò Thư ký ISO"),
    (dict(opened_by="other-sec"), "không thuộc đơn vị"),
    (dict(kind="objective"), "không dành cho quality/objective"),
])
def test_check_opening_refuses(request_kwargs, message):
    request = policy_request(**request_kwargs)
    with pytest.raises(InvalidInput, match=message):
        check_opening(POLICY, request, today=TODAY, people=people(request.opened_by, request.next.handler_id))
