"""The improvement as the artefact of dossier type 6 "Cải tiến liên tục": directions, implementation, result."""
from __future__ import annotations

from eiso_contracts.content import ImprovementContent
from eiso_contracts.rpc.quality_improvement import ProposeImprovement
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm

IMPROVEMENT = register(Artefact(
    service="quality", kind="improvement", type_code="6",
    form=ContentForm(ImprovementContent),
    form_template="improvement/_content_form.html",
    preview_template="improvement/_preview.html",
    blank=lambda today: {},
    load=lambda services, item_id, actor: services.quality.get_improvement(actor, item_id),
    content_of=lambda item: item.content.model_dump(mode="json") if item.content else {},
    submit_model=ProposeImprovement,
    submit=lambda services, command, key: services.quality.propose_improvement(
        _actor(), **{k: v for k, v in command.items() if k != "actor"}, request_id=key),
    created_url=lambda item: url_for("improvement.show", improvement_id=item.id),
    create_endpoint="improvement.list",      # a dossier opens when the leader approves a proposal there
    list_endpoint="improvement.list", list_label="Cải tiến liên tục",
))


def _actor():
    from ...identity import current_user

    return current_user().actor
