"""The same service runs a 5-step type (shaped like the manual's management review) from data alone."""
from __future__ import annotations

from workflow_fakes import BGD, VP, assign


def test_a_five_step_dossier_runs_to_completion_over_rpc(workflow_test_types):
    wf = workflow_test_types
    code = wf.open(artefact_id="review-2026", type_code="9", service="review", kind="review")["code"]
    assert code.startswith("9-")
    for person, handler, department in (("lead", "sec", VP), ("sec", "lead", BGD), ("lead", "sec", VP)):
        wf.act(person, "approve", code, next=assign(handler, department, wf.today))
    view = wf.view(code, "sec")
    assert view["current_step"]["number"] == 5 and view["form"]["approve_label"] == "Ghi nhận"
    done = wf.act("sec", "approve", code, comment="Đã ghi nhận kết quả")
    assert done["status"] == "completed"
    assert [s["state"] for s in done["steps"]] == ["done"] * 5
    assert wf.tables.outbox_types(code)[-2:] == ["workflow.dossier.approved.v1", "workflow.dossier.completed.v1"]
    assert [d["code"] for d in wf.workflow.list_definitions()] == ["1", "3", "6", "7", "8", "9", "10", "11", "12"]
