"""The context analysis's rules without I/O: who drafts, one per year, who applies, one applied per unit."""
from datetime import datetime, timezone

import pytest
from analysis_samples import content
from eiso_contracts.content import ContextAnalysisContent
from eiso_contracts.errors import Conflict, Forbidden, InvalidInput
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context_analysis import SubmitAnalysis

from eiso_context.analysis import submission
from eiso_context.analysis.aggregate import APPLIED, APPROVED, REJECTED, SUBMITTED, new_analysis
from eiso_context.analysis.applying import apply, check_may_apply

T0 = datetime(2026, 1, 5, 2, 0, tzinfo=timezone.utc)


def cmd(roles=("secretary",), year=2026):
    return SubmitAnalysis(actor=Actor(id="u-thuky", unit_code="SONGANH", roles=list(roles), department_id="d-vp"),
                          content=content(year), comment="Kính trình",
                          route={"department_id": "d-bgd", "handler_id": "u-lanhdao", "deadline": "2026-01-12"})


def analysis(analysis_id="a1", year=2026, status=SUBMITTED, unit="SONGANH"):
    made = new_analysis(analysis_id, unit, ContextAnalysisContent.model_validate(content(year)), "u-thuky", T0)
    made.status = status
    return made


def test_the_secretary_drafts_and_the_dossier_request_names_the_analysis():
    made = submission.draft("a1", cmd(), T0, [])
    assert (made.status, made.year, made.submitted_by, made.unit_code) == (SUBMITTED, 2026, "u-thuky", "SONGANH")
    event = submission.submitted(made, cmd())
    request = event.dossier_request
    assert (request.type_code, request.artefact.service, request.artefact.kind, request.artefact.id) == (
        "10", "context", "analysis", "a1")
    assert request.artefact.title == "Bối cảnh tổ chức năm 2026" and request.opened_by_department_id == "d-vp"
    assert event.content == made.content and request.next.handler_id == "u-lanhdao"


@pytest.mark.parametrize("roles", [("leader",), ("dept_head",), ("admin",), ()])
def test_only_the_secretary_drafts(roles):
    with pytest.raises(Forbidden, match="Chỉ Thư ký ISO"):
        submission.draft("a1", cmd(roles), T0, [])


@pytest.mark.parametrize("status", [SUBMITTED, APPROVED, APPLIED])
def test_a_year_holds_one_analysis_that_was_not_refused(status):
    with pytest.raises(Conflict, match="Năm 2026 đã có phân tích bối cảnh tổ chức"):
        submission.draft("a2", cmd(), T0, [analysis(status=status)])
    assert submission.draft("a2", cmd(), T0, [analysis(status=REJECTED)]).id == "a2"   # revised after a refusal


def test_applying_moves_the_one_applied_and_announces_it():
    old, new = analysis("a1", 2025, APPLIED), analysis("a2", 2026, APPROVED)
    retired, announced = apply(new, old, "u-lanhdao", T0)
    assert retired is old and old.status == APPROVED
    assert (new.status, new.applied_by, new.applied_at) == (APPLIED, "u-lanhdao", T0)
    assert (announced.analysis_id, announced.replaces_analysis_id, announced.year) == ("a2", "a1", 2026)


def test_applying_the_applied_one_again_changes_nothing():
    applied = analysis(status=APPLIED)
    assert apply(applied, applied, "u-lanhdao", T0) == (None, None)


@pytest.mark.parametrize("status", [SUBMITTED, REJECTED])
def test_only_an_approved_analysis_is_applied(status):
    target = analysis(status=status)
    with pytest.raises(InvalidInput, match="đã được phê duyệt"):
        apply(target, None, "u-lanhdao", T0)
    assert target.status == status


def test_only_the_leader_applies():
    check_may_apply(Actor(id="l", unit_code="SONGANH", roles=["leader"]))
    with pytest.raises(Forbidden, match="Chỉ Lãnh đạo đơn vị"):
        check_may_apply(Actor(id="s", unit_code="SONGANH", roles=["secretary"]))


def test_the_content_refuses_what_iso_4_needs_missing():
    with pytest.raises(ValueError, match="strengths"):
        ContextAnalysisContent.model_validate(content(strengths=["", "  "]))
    with pytest.raises(ValueError, match="interested_parties"):
        ContextAnalysisContent.model_validate(content(interested_parties=[]))
    with pytest.raises(ValueError, match="scope"):
        ContextAnalysisContent.model_validate(content(scope=" "))
