"""The dossier types of manual sections 1 and 3, as the YAML defines them, and the reason "Không duyệt" needs."""
from __future__ import annotations

from datetime import date

import pytest
from eiso_contracts.errors import InvalidInput
from eiso_contracts.events.workflow import DossierCompleted, DossierRejected
from workflow_fakes import BGD, at_local, command, people, policy_request

from eiso_workflow.catalogue import load_catalogue
from eiso_workflow.domain.dossier import REASON_NEEDED, Dossier

CATALOGUE = load_catalogue()
OPENED, TODAY = at_local(2026, 9, 28, 9), date(2026, 9, 28)
LATER, TUESDAY = at_local(2026, 9, 29, 14), date(2026, 9, 29)
EVERYONE = people("sec", "lead")
CODE = "10-2026-1-SONGANH"


def rows(dossier_type):
    return [(s.number, s.key, s.name, s.role, s.actions, s.approve_label, s.edits_content, s.final,
             s.reject_needs_reason) for s in dossier_type.steps]


def test_context_analysis_is_drafted_then_approved_or_refused_with_a_reason():
    analysis = CATALOGUE.get("10")
    assert (analysis.name, analysis.artefact_service, analysis.artefact_kind, analysis.content_schema) == (
        "Phê duyệt bối cảnh tổ chức", "context", "analysis", "context.analysis")
    assert rows(analysis) == [
        (1, "draft", "Thư ký ISO lập phân tích bối cảnh tổ chức", "secretary", ["save", "approve"], "Trình duyệt",
         False, False, False),
        (2, "approval", "Lãnh đạo phê duyệt bối cảnh tổ chức", "leader", ["approve", "reject"], "Phê duyệt",
         False, True, True),
    ]


def test_quality_objectives_is_the_manuals_three_steps_ending_with_ghi_nhan():
    objectives = CATALOGUE.get("3")
    assert (objectives.name, objectives.artefact_service, objectives.artefact_kind, objectives.content_schema) == (
        "Xây dựng, chỉnh sửa mục tiêu chất lượng", "quality", "objectives", "quality.objectives")
    assert rows(objectives) == [
        (1, "draft", "Thư ký ISO xây dựng mục tiêu chất lượng", "secretary", ["save", "approve"], "Trình duyệt",
         True, False, False),
        (2, "approval", "Lãnh đạo phê duyệt", "leader", ["save", "approve", "reject", "return"], "Duyệt",
         True, False, False),
        (3, "record", "Ghi nhận", "secretary", ["save", "approve"], "Ghi nhận", False, True, False),
    ]
    assert objectives.step(2).view().return_to == 1


@pytest.fixture
def analysis_dossier() -> Dossier:
    request = policy_request(type_code="10", service="context", kind="analysis", department=BGD,
                             title="Bối cảnh tổ chức năm 2026")
    opened, _ = Dossier.open(CATALOGUE.get("10"), request, id="d-10", number=1, now=OPENED, today=TODAY)
    return opened


@pytest.mark.parametrize("comment", ["", "   "])
def test_refusing_an_analysis_without_a_reason_is_refused_and_changes_nothing(analysis_dossier, comment):
    before = (analysis_dossier.version, len(analysis_dossier.history), analysis_dossier.status)
    with pytest.raises(InvalidInput) as raised:
        analysis_dossier.act(command("lead", "reject", 1, code=CODE, comment=comment), now=LATER, today=TUESDAY,
                             people=EVERYONE)
    assert raised.value.message == REASON_NEEDED
    assert (analysis_dossier.version, len(analysis_dossier.history), analysis_dossier.status) == before


def test_a_refusal_with_its_reason_closes_the_dossier(analysis_dossier):
    (rejected,) = analysis_dossier.act(command("lead", "reject", 1, code=CODE, comment="Thiếu các bên quan tâm"),
                                       now=LATER, today=TUESDAY, people=EVERYONE)
    assert isinstance(rejected, DossierRejected) and rejected.comment == "Thiếu các bên quan tâm"
    assert analysis_dossier.status == "rejected"


def test_approval_in_the_list_completes_the_analysis_dossier(analysis_dossier):
    approved, completed = analysis_dossier.act(command("lead", "approve", 1, code=CODE), now=LATER, today=TUESDAY,
                                               people=EVERYONE)
    assert approved.next is None and isinstance(completed, DossierCompleted)
    assert analysis_dossier.status == "completed"


def test_the_policy_refusal_still_needs_no_reason():
    assert not any(step.reject_needs_reason for step in CATALOGUE.get("1").steps)
