"""The tabs of "Kiểm soát hoạt động ISO": who sees which dossier where."""
from __future__ import annotations

import pytest
from eiso_contracts.errors import InvalidInput
from workflow_fakes import BGD, KH, VP, actor, assign


@pytest.fixture
def dossiers(workflow):
    """D1 waits on the leader, D2 on the secretary (the leader approved it), D3 was rejected,
    D4 waits on the second leader, D5 belongs to another unit."""
    d1 = workflow.open(artefact_id="p1")["code"]
    d2 = workflow.open(artefact_id="p2")["code"]
    d3 = workflow.open(artefact_id="p3")["code"]
    d4 = workflow.open(artefact_id="p4", handler="lead2", title="Chính sách sửa đổi")["code"]
    d5 = workflow.open(artefact_id="p5", unit="KHAC", opened_by="other-sec", handler="other-lead",
                       department="dept-other")["code"]
    workflow.act("lead", "approve", d2, next=assign("sec", VP, workflow.today))
    workflow.act("lead", "reject", d3)
    return {"D1": d1, "D2": d2, "D3": d3, "D4": d4, "D5": d5}


def tab(workflow, dossiers, person, name, **query):
    page = workflow.workflow.inbox({"actor": actor(person).model_dump(mode="json"), "tab": name, **query})
    names = {code: label for label, code in dossiers.items()}
    return [names[item["code"]] for item in page["items"]], page


@pytest.mark.parametrize("person, expected", [
    #                 todo     done           following      completed
    ("lead",        ([ "D1"], ["D2"],         ["D2", "D4"],  ["D3"])),
    ("sec",         ([ "D2"], ["D4", "D1"],   ["D4", "D1"],  ["D3"])),
    ("lead2",       ([ "D4"], [],             ["D2", "D1"],  ["D3"])),
    ("staff",       ([],      [],             [],            [])),
    ("head",        ([],      [],             [],            [])),
    ("other-lead",  ([ "D5"], [],             [],            [])),
])
def test_tabs_per_person(workflow, dossiers, person, expected):
    got = tuple(tab(workflow, dossiers, person, name)[0] for name in ("todo", "done", "following", "completed"))
    assert got == expected
    counts = workflow.workflow.inbox_counts(actor(person).model_dump(mode="json"))
    assert counts == {"todo": len(expected[0]), "done": len(expected[1]), "following": len(expected[2]),
                      "completed": len(expected[3])}


def test_a_participant_who_oversees_nothing_sees_only_what_passed_through_them(workflow_test_types):
    wf = workflow_test_types
    task = dict(type_code="8", kind="task", handler="head", department=KH)
    mine = wf.open(artefact_id="t1", **task)["code"]
    wf.open(artefact_id="t2", **task, title="Việc khác")     # handled by "head" too, but not yet acted on
    wf.act("head", "approve", mine, next=assign("lead", BGD, wf.today))
    codes = {name: [i["code"] for i in wf.workflow.inbox({"actor": actor("head").model_dump(mode="json"),
                                                          "tab": name})["items"]]
             for name in ("todo", "done", "following", "completed")}
    assert len(codes["todo"]) == 1 and mine not in codes["todo"]
    assert (codes["done"], codes["following"], codes["completed"]) == ([mine], [mine], [])
    wf.act("lead", "approve", mine)
    assert wf.workflow.inbox_counts(actor("head").model_dump(mode="json")) == {
        "todo": 1, "done": 0, "following": 0, "completed": 1}
    assert wf.workflow.inbox_counts(actor("staff").model_dump(mode="json")) == {
        "todo": 0, "done": 0, "following": 0, "completed": 0}


def test_items_are_summaries_with_the_current_step(workflow, dossiers):
    _, page = tab(workflow, dossiers, "lead", "todo")
    (item,) = page["items"]
    assert (item["type_name"], item["status_label"], item["current_step"]["name"]) == (
        "Lập chính sách chất lượng", "Đang xử lý", "Lãnh đạo phê duyệt")
    assert item["current_step"]["timing_label"] in ("Trước hạn", "Đúng hạn")
    assert page["counts"] == {"todo": 1, "done": 1, "following": 2, "completed": 1}
    assert (page["tab"], page["total"], page["page"], page["page_size"]) == ("todo", 1, 1, 20)


def test_search_on_code_and_title_and_paging(workflow, dossiers):
    assert tab(workflow, dossiers, "sec", "following", search="sửa đổi")[0] == ["D4"]
    assert tab(workflow, dossiers, "sec", "following", search=dossiers["D1"].lower())[0] == ["D1"]
    assert tab(workflow, dossiers, "sec", "following", search="100%_")[0] == []
    first, page = tab(workflow, dossiers, "sec", "following", page=1, page_size=1)
    second, _ = tab(workflow, dossiers, "sec", "following", page=2, page_size=1)
    assert (first, second, page["total"]) == (["D4"], ["D1"], 2)
    assert tab(workflow, dossiers, "sec", "following", page=3, page_size=1)[0] == []


def test_bad_queries_are_invalid_input(workflow):
    with pytest.raises(InvalidInput):
        workflow.workflow.inbox({"actor": actor("sec").model_dump(mode="json"), "tab": "archive"})
    with pytest.raises(InvalidInput):
        workflow.workflow.inbox({"actor": actor("sec").model_dump(mode="json"), "page_size": 1000})
    with pytest.raises(InvalidInput):
        workflow.workflow.inbox_counts({"id": ""})
