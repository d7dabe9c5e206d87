"""The workflow as the gateway uses it: the same cases against the gateway's fake and the real service.

Through the gateway's own typed client (``WorkflowClient``), so a case checks
exactly what the gateway relies on. When the fake and the service disagree,
one of these fails for the fake and passes for the real one (or the other way).
"""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from contract_backends import actor_of
from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRequest
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput, NotFound
from fakes import TODAY, working_days
from fakes.workflow import REAL_DEFINITIONS, load_definitions

from eiso_gateway.clients import WorkflowClient

LEADER, SECRETARY, OTHER_UNIT = "p-leader", "p-secretary", "x-person"
CONTENT = {"year": 2026, "motto": "Chất lượng và hài lòng", "statements": ["Minh bạch", "Đúng hạn"]}


def assign(handler: str, department: str, days: int = 3) -> dict:
    return {"department_id": department, "handler_id": handler, "deadline": (TODAY + timedelta(days=days)).isoformat()}


@pytest.fixture
def workflow(backend):
    return WorkflowClient(backend.port)


@pytest.fixture
def code(backend):
    """A policy dossier at step 2, waiting for the leader."""
    return backend.open(DossierRequest(
        type_code="1", unit_code="SONGANH",
        artefact=ArtefactRef(service="quality", kind="policy", id=str(uuid.uuid4()),
                             title="Chính sách chất lượng năm 2026"),
        opened_by=SECRETARY, opened_by_department_id="d-vp", comment="Kính trình", attachments=["f-seed"],
        next=Assignment(department_id="d-bgd", handler_id=LEADER, deadline=TODAY + timedelta(days=3))))


def act(workflow, code, person, action, **fields):
    version = workflow.get_dossier(code, actor_of(person)).version
    return workflow.act({"code": code, "actor": actor_of(person).model_dump(mode="json"),
                         "expected_version": version, "action": action, **fields})


def test_the_policy_type_is_the_definition_file(workflow):
    served = workflow.get_definition("1")
    assert served == next(d for d in load_definitions(REAL_DEFINITIONS) if d.code == "1")
    assert [s.key for s in served.steps] == ["draft", "approval", "issue"]
    assert served.steps[0].actions == ["save", "approve"]


def test_an_opened_dossier_waits_at_step_2_for_its_handler(workflow, code):
    view = workflow.get_dossier(code, actor_of(LEADER))
    assert view.status == "open" and view.version == 1
    assert (view.current_step.number, view.current_step.key, view.current_step.handler_id) == (2, "approval", LEADER)
    assert [(h.step_number, h.action, h.action_label) for h in view.history] == [(1, "approve", "Trình duyệt")]
    assert view.steps[0].attachments == ["f-seed"]
    form = view.form
    assert form.actions == ["save", "approve", "reject", "return"] and form.edits_content
    assert (form.next_step.key, form.return_step.number) == ("issue", 1)
    assert form.default_deadline == working_days(TODAY, form.next_step.deadline_days)


def test_only_the_current_handler_gets_the_form(workflow, code):
    assert workflow.get_dossier(code, actor_of(SECRETARY)).form is None


@pytest.mark.parametrize("person, wanted", [(OTHER_UNIT, "code"), (LEADER, "unknown")])
def test_another_units_dossier_is_as_absent_as_an_unknown_one(workflow, code, person, wanted):
    with pytest.raises(NotFound):
        workflow.get_dossier(code if wanted == "code" else "1-2026-999-SONGANH", actor_of(person))


def test_someone_else_cannot_act(workflow, code):
    with pytest.raises(Forbidden):
        workflow.act({"code": code, "actor": actor_of(SECRETARY).model_dump(mode="json"), "expected_version": 1,
                      "action": "approve", "next": assign(SECRETARY, "d-vp")})


def test_a_stale_version_is_already_processed(workflow, code):
    act(workflow, code, LEADER, "save", comment="Nháp")
    with pytest.raises(AlreadyProcessed):
        workflow.act({"code": code, "actor": actor_of(LEADER).model_dump(mode="json"), "expected_version": 1,
                      "action": "save"})


def test_save_keeps_a_draft_with_the_content(workflow, code):
    view = act(workflow, code, LEADER, "save", comment="Xem lại", next=assign(SECRETARY, "d-vp"), content=CONTENT)
    assert view.version == 2 and view.current_step.number == 2
    draft = workflow.get_dossier(code, actor_of(LEADER)).form.draft
    assert draft.comment == "Xem lại" and draft.next.handler_id == SECRETARY and draft.content == CONTENT


@pytest.mark.parametrize("action, fields", [("approve", {}),
                                            ("return", {"content": CONTENT})])
def test_refused_submissions_change_nothing(workflow, code, action, fields):
    with pytest.raises(InvalidInput):
        act(workflow, code, LEADER, action, **fields)
    assert workflow.get_dossier(code, actor_of(LEADER)).version == 1


def test_approve_moves_to_the_chosen_handler(workflow, code):
    view = act(workflow, code, LEADER, "approve", next=assign(SECRETARY, "d-vp"), content=CONTENT)
    assert (view.current_step.number, view.current_step.key, view.current_step.handler_id) == (3, "issue", SECRETARY)
    assert view.history[-1].action_label == "Duyệt"
    issued = act(workflow, code, SECRETARY, "approve")
    assert issued.status == "completed" and issued.history[-1].action_label == "Ban hành"


def test_return_goes_back_to_who_did_step_1_and_step_1_may_save(workflow, code):
    view = act(workflow, code, LEADER, "return", comment="Bổ sung căn cứ")
    assert (view.current_step.number, view.current_step.handler_id) == (1, SECRETARY)
    assert view.history[-1].action_label == "Bổ sung"
    form = workflow.get_dossier(code, actor_of(SECRETARY)).form
    assert form.actions == ["save", "approve"] and form.next_step.key == "approval"


def test_the_inbox_tabs(workflow, code):
    leader, secretary = actor_of(LEADER), actor_of(SECRETARY)
    assert code in [d.code for d in workflow.inbox(leader, tab="todo").items]
    assert code in [d.code for d in workflow.inbox(secretary, tab="following").items]
    assert code not in [d.code for d in workflow.inbox(secretary, tab="todo").items]
    assert workflow.inbox_counts(leader).todo >= 1
    assert workflow.inbox(actor_of(OTHER_UNIT), tab="todo").items == []
