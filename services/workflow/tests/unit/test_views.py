"""The dossier page: timeline of every defined step, deadline colours, history, and the form for the handler only."""
from __future__ import annotations

from datetime import date

import pytest
from workflow_fakes import BGD, TZ, VP, actor, assign, at_local, command, people, policy_content, policy_request

from eiso_workflow.catalogue import load_catalogue
from eiso_workflow.domain.dossier import Dossier
from eiso_workflow.domain.views import dossier_view, summary

POLICY = load_catalogue().get("1")
MON, TUE, WED = date(2026, 9, 28), date(2026, 9, 29), date(2026, 9, 30)
EVERYONE = people("sec", "lead")


@pytest.fixture
def dossier() -> Dossier:
    # opened Monday 09:00 local; the leader's deadline is Tuesday
    opened, _ = Dossier.open(POLICY, policy_request(deadline=TUE), id="d-1", number=7, now=at_local(2026, 9, 28, 9),
                             today=MON)
    return opened


def test_open_dossier_timeline(dossier):
    view = dossier_view(dossier, actor("sec"), today=MON, tz=TZ)
    assert (view.code, view.status, view.status_label, view.version, view.type_name) == (
        "1-2026-7-SONGANH", "open", "Đang xử lý", 1, "Lập chính sách chất lượng")
    first, second, third = view.steps
    assert (first.state, first.action, first.action_label, first.done_half_day, first.timing) == (
        "done", "approve", "Trình duyệt", "Sáng", "on_time")
    assert (second.state, second.handler_id, second.department_id, second.deadline) == ("current", "lead", BGD, TUE)
    assert (second.timing, second.timing_label) == ("early", "Trước hạn")
    assert (third.state, third.timing, third.timing_label, third.handler_id) == ("not_reached", "not_reached",
                                                                                 "Chưa/Không đi qua", None)
    assert view.current_step == second
    assert view.form is None, "only the current handler sees the form"


def test_current_step_colour_follows_today(dossier):
    assert summary(dossier, today=TUE, tz=TZ).current_step.timing_label == "Đúng hạn"
    assert summary(dossier, today=WED, tz=TZ).current_step.timing_label == "Trễ hạn"


def test_the_handler_gets_the_form_with_the_next_step_and_a_default_deadline(dossier):
    form = dossier_view(dossier, actor("lead"), today=MON, tz=TZ).form
    assert form.actions == ["save", "approve", "reject", "return"]
    assert (form.approve_label, form.edits_content) == ("Duyệt", True)
    assert (form.next_step.number, form.next_step.name, form.next_step.role) == (3, "Ban hành chính sách chất lượng",
                                                                                "secretary")
    assert form.return_step.number == 1
    assert form.default_deadline == WED          # step 3: 2 working days from Monday
    assert form.draft.comment == "" and form.draft.next is None


def test_a_saved_draft_prefills_the_form(dossier):
    dossier.act(command("lead", "save", 1, comment="Đang cân nhắc", attachments=["f9"],
                        next=assign("sec", VP, WED), content=policy_content()),
                now=at_local(2026, 9, 28, 15), today=MON, people=EVERYONE)
    view = dossier_view(dossier, actor("lead"), today=MON, tz=TZ)
    assert (view.form.draft.comment, view.form.draft.attachments, view.form.draft.next.handler_id) == (
        "Đang cân nhắc", ["f9"], "sec")
    assert view.form.draft.content == policy_content()
    assert view.steps[1].state == "current"      # a save does not move the dossier
    assert [(h.action, h.action_label) for h in view.history] == [("approve", "Trình duyệt"), ("save", "Chưa chuyển")]


def test_done_steps_show_when_and_how_they_were_done(dossier):
    dossier.act(command("lead", "approve", 1, next=assign("sec", VP, WED)), now=at_local(2026, 9, 30, 14),
                today=WED, people=EVERYONE)
    view = dossier_view(dossier, actor("sec"), today=WED, tz=TZ)
    second = view.steps[1]
    assert (second.state, second.action_label, second.done_half_day, second.timing, second.timing_label) == (
        "done", "Duyệt", "Chiều", "late", "Trễ hạn")
    assert (view.steps[2].state, view.steps[2].timing) == ("current", "on_time")
    assert view.form.approve_label == "Ban hành" and view.form.next_step is None and view.form.default_deadline is None
    assert view.form.return_step is None and view.form.edits_content is False


def test_after_a_return_the_timeline_shows_the_latest_visit_of_each_step(dossier):
    dossier.act(command("lead", "return", 1, comment="Bổ sung"), now=at_local(2026, 9, 28, 10), today=MON,
                people=EVERYONE)
    view = dossier_view(dossier, actor("sec"), today=MON, tz=TZ)
    assert [(s.number, s.state) for s in view.steps] == [(1, "current"), (2, "done"), (3, "not_reached")]
    assert view.steps[1].action_label == "Bổ sung" and view.steps[0].handler_id == "sec"
    assert view.form is not None and view.form.actions == ["save", "approve"]
    assert view.history[-1].next.handler_id == "sec" and view.history[-1].action_label == "Bổ sung"


def test_closed_dossiers_have_no_current_step_and_no_form(dossier):
    dossier.act(command("lead", "reject", 1, comment="Không phù hợp"), now=at_local(2026, 9, 28, 10), today=MON,
                people=EVERYONE)
    view = dossier_view(dossier, actor("lead"), today=MON, tz=TZ)
    assert (view.status, view.status_label, view.current_step, view.form) == ("rejected", "Không duyệt", None, None)
    assert [s.state for s in view.steps] == ["done", "done", "not_reached"]
    assert view.closed_at == at_local(2026, 9, 28, 10)
