"""Submitting a context analysis: who may, one per year, and the dossier the workflow is asked to open."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.dossier import ArtefactRef, DossierRequest
from eiso_contracts.errors import Conflict, Forbidden
from eiso_contracts.events.context import AnalysisSubmitted
from eiso_contracts.rpc.context_analysis import ANALYSIS_STATUSES, SubmitAnalysis

from .aggregate import HOLDS_THE_YEAR, Analysis, new_analysis

DOSSIER_TYPE = "10"            # "Phê duyệt bối cảnh tổ chức"
ARTEFACT_SERVICE = "context"
ARTEFACT_KIND = "analysis"
ONLY_SECRETARY = "Chỉ Thư ký ISO được lập phân tích bối cảnh tổ chức."


def title_of(year: int) -> str:
    return f"Bối cảnh tổ chức năm {year}"


def draft(analysis_id: str, cmd: SubmitAnalysis, now: datetime, of_the_year: list[Analysis]) -> Analysis:
    """The secretary's analysis; refused when the year already has one that was not refused."""
    if not cmd.actor.has_role("secretary"):
        raise Forbidden(ONLY_SECRETARY)
    held = next((a for a in of_the_year if a.status in HOLDS_THE_YEAR), None)
    if held is not None:
        raise Conflict(f"Năm {cmd.content.year} đã có phân tích bối cảnh tổ chức "
                       f"({ANALYSIS_STATUSES[held.status]}). Mỗi năm chỉ có một phân tích; "
                       f"phân tích không được duyệt có thể sửa và trình lại.")
    return new_analysis(analysis_id, cmd.actor.unit_code, cmd.content, cmd.actor.id, now)


def submitted(analysis: Analysis, cmd: SubmitAnalysis) -> AnalysisSubmitted:
    """The event that asks the workflow to open dossier type "10" about this analysis, step 2 routed as chosen."""
    request = DossierRequest(
        type_code=DOSSIER_TYPE, unit_code=analysis.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=analysis.id,
                             title=title_of(analysis.year)),
        opened_by=analysis.submitted_by, opened_by_department_id=cmd.actor.department_id, comment=cmd.comment,
        attachments=list(cmd.attachments), next=cmd.route,
    )
    return AnalysisSubmitted(analysis_id=analysis.id, unit_code=analysis.unit_code, year=analysis.year,
                             content=analysis.content, submitted_by=analysis.submitted_by, dossier_request=request)
