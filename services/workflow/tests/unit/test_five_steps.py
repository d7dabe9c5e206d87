"""The engine runs any number of steps: a 5-step type shaped like the manual's management review."""
from __future__ import annotations

from datetime import date

import pytest
from eiso_contracts.errors import Forbidden, InvalidInput
from workflow_fakes import BGD, KH, TEST_DEFINITIONS, TZ, VP, actor, assign, at_local, command, people, policy_request

from eiso_workflow.catalogue import load_file
from eiso_workflow.domain.dossier import Dossier
from eiso_workflow.domain.views import dossier_view

REVIEW = load_file(TEST_DEFINITIONS / "management_review.yml")
EVERYONE = people("sec", "sec2", "lead", "staff")
DAY = date(2026, 9, 28)


def types(events):
    return [type(e).__name__ for e in events]


def step(dossier, person, action, *, next=None, comment=""):
    return dossier.act(command(person, action, dossier.version, code=dossier.code, next=next, comment=comment),
                       now=at_local(2026, 9, 29, 10), today=DAY, people=EVERYONE)


def test_management_review_runs_through_five_steps_with_a_return_from_step_4_to_3():
    request = policy_request(type_code="9", service="review", kind="review", artefact_id="review-2026",
                             title="Xem xét lãnh đạo năm 2026")
    dossier, opened = Dossier.open(REVIEW, request, id="r-1", number=3, now=at_local(2026, 9, 28, 8), today=DAY)
    assert dossier.code == "9-2026-3-SONGANH" and types(opened) == ["DossierOpened", "DossierStepEntered"]

    assert types(step(dossier, "lead", "approve", next=assign("sec", VP, DAY))) == ["DossierApproved",
                                                                                 "DossierStepEntered"]
    assert dossier.current.number == 3                     # secretary notifies departments, collects reports
    assert types(step(dossier, "sec", "approve", next=assign("lead", BGD, DAY))) == ["DossierApproved",
                                                                                  "DossierStepEntered"]
    assert dossier.current.number == 4                     # leader concludes ... and asks for more
    returned, _ = step(dossier, "lead", "return", comment="Phòng KH chưa báo cáo")
    assert returned.returned_to.step.number == 3 and returned.returned_to.handler_id == "sec"
    # step 3 has 5 working days from Monday 28/09: Monday 05/10
    assert returned.returned_to.deadline == date(2026, 10, 5)
    with pytest.raises(Forbidden):
        step(dossier, "lead", "approve", next=assign("lead", BGD, DAY))   # step 3 is the secretary's again
    step(dossier, "sec", "approve", next=assign("lead", BGD, DAY))
    with pytest.raises(InvalidInput, match='Bước 4: Lãnh đạo kết luận và chỉ đạo không cho phép chọn "Không duyệt"'):
        step(dossier, "lead", "reject")
    step(dossier, "lead", "approve", next=assign("sec", VP, DAY))
    with pytest.raises(Forbidden):
        step(dossier, "lead", "approve")
    final = step(dossier, "sec", "approve", comment="Đã ghi nhận")
    assert types(final) == ["DossierApproved", "DossierCompleted"] and dossier.status == "completed"
    assert [v.number for v in dossier.visits] == [1, 2, 3, 4, 3, 4, 5]
    assert [v.action for v in dossier.visits] == ["approve", "approve", "approve", "return", "approve", "approve",
                                                  "approve"]

    view = dossier_view(dossier, actor("sec"), today=DAY, tz=TZ)
    assert [(s.number, s.state, s.action_label) for s in view.steps] == [
        (1, "done", "Trình duyệt"), (2, "done", "Duyệt"), (3, "done", "Trình duyệt"), (4, "done", "Duyệt"),
        (5, "done", "Ghi nhận")]
    assert [h.step_number for h in view.history] == [1, 2, 3, 4, 3, 4, 5] and view.form is None


def test_an_assignment_to_someone_without_the_role_is_refused_at_any_step():
    request = policy_request(type_code="9", service="review", kind="review")
    dossier, _ = Dossier.open(REVIEW, request, id="r-2", number=1, now=at_local(2026, 9, 28, 8), today=DAY)
    step(dossier, "lead", "approve", next=assign("sec", VP, DAY))
    with pytest.raises(InvalidInput, match="Bước 4: Lãnh đạo kết luận và chỉ đạo — người xử lý phải có vai trò "
                                           "Lãnh đạo đơn vị"):
        step(dossier, "sec", "approve", next=assign("staff", KH, DAY))
