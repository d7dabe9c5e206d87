"""The context analysis as an artefact of dossier type 10 "Phê duyệt bối cảnh tổ chức": its one description."""
from __future__ import annotations

from eiso_contracts.content import ContextAnalysisContent
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.context_analysis import SubmitAnalysis
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm


def start_from(services, actor, args) -> dict | None:
    """"Lập từ năm trước" / "Sửa và trình lại": an earlier analysis's content, for the year the link names."""
    source = (args.get("from") or "").strip()
    if not source:
        return None
    try:
        earlier = services.context.get_analysis(source, actor)
    except NotFound:
        return None
    year = args.get("year", "")
    content = earlier.content.model_dump(mode="json")
    content["year"] = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else earlier.year + 1
    return content


ANALYSIS = register(Artefact(
    service="context", kind="analysis", type_code="10",
    form=ContentForm(ContextAnalysisContent),
    form_template="context/_analysis_form.html",
    preview_template="context/_analysis_preview.html",
    blank=lambda today: {"year": today.year},
    load=lambda services, analysis_id, actor: services.context.get_analysis(analysis_id, actor),
    content_of=lambda analysis: analysis.content.model_dump(mode="json"),
    submit_model=SubmitAnalysis,
    submit=lambda services, command, key: services.context.submit_analysis(command, request_id=key),
    created_url=lambda analysis: url_for("context.analysis", analysis_id=analysis.id, submitted=1),
    create_endpoint="context.new_analysis",
    list_endpoint="context.analyses", list_label="Tổ chức và bối cảnh",
    start_from=start_from,
))
