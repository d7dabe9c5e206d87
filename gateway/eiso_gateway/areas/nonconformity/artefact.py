"""The nonconformity as the artefact of dossier type 10 "Hành động khắc phục": the corrective action's content."""
from __future__ import annotations

from eiso_contracts.content import CorrectiveActionContent
from eiso_contracts.rpc.quality_nonconformity import RaiseNonconformity
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm

NONCONFORMITY = register(Artefact(
    service="quality", kind="nonconformity", type_code="10",
    form=ContentForm(CorrectiveActionContent),
    form_template="nonconformity/_action_form.html",
    preview_template="nonconformity/_preview.html",
    blank=lambda today: {},
    load=lambda services, nc_id, actor: services.quality.get_nonconformity(actor, nc_id),
    content_of=lambda nc: nc.action.model_dump(mode="json") if nc.action else {},
    submit_model=RaiseNonconformity,
    submit=lambda services, command, key: services.quality.raise_nonconformity(
        _actor(), **{k: v for k, v in command.items() if k != "actor"}, request_id=key),
    created_url=lambda nc: url_for("nonconformity.show", nonconformity_id=nc.id),
    create_endpoint="nonconformity.new",     # "Báo cáo điểm không phù hợp": the dossier opens from it
    list_endpoint="nonconformity.list", list_label="Điểm không phù hợp",
))


def _actor():
    from ...identity import current_user

    return current_user().actor
