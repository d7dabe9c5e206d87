"""Quality objectives as an artefact of dossier type 3 "Xây dựng, chỉnh sửa mục tiêu chất lượng": one description."""
from __future__ import annotations

from eiso_contracts.content import ObjectivesContent
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.quality_objectives import SubmitObjectives
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm


def start_from(services, actor, args) -> dict | None:
    """"Nâng cấp phiên bản": a new version starts from an earlier one (``?from=<id>``), same year unless named."""
    source = (args.get("from") or "").strip()
    if not source:
        return None
    try:
        earlier = services.quality.get_objectives(source, actor)
    except NotFound:
        return None
    content = earlier.content.model_dump(mode="json")
    year = args.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= 2100:
        content["year"] = int(year)
    return content


def form_context(services, actor) -> dict:
    """"Chọn chính sách" (the issued policies) and "Chọn phiên bản mục tiêu" (the versions so far)."""
    return {"policies": services.quality.list_policy_choices(actor),
            "versions": services.quality.list_objectives(actor)}


OBJECTIVES = register(Artefact(
    service="quality", kind="objectives", type_code="3",
    form=ContentForm(ObjectivesContent),
    form_template="objectives/_objectives_form.html",
    preview_template="objectives/_objectives_preview.html",
    blank=lambda today: {"year": today.year},
    load=lambda services, objectives_id, actor: services.quality.get_objectives(objectives_id, actor),
    content_of=lambda objectives: objectives.content.model_dump(mode="json"),
    submit_model=SubmitObjectives,
    submit=lambda services, command, key: services.quality.submit_objectives(command, request_id=key),
    created_url=lambda objectives: url_for("objectives.version", objectives_id=objectives.id, submitted=1),
    create_endpoint="objectives.new",
    list_endpoint="objectives.index", list_label="Mục tiêu chất lượng hàng năm",
    start_from=start_from, form_context=form_context,
))
