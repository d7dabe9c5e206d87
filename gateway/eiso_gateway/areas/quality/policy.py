"""The quality policy as an artefact of dossier type 1 "Lập chính sách chất lượng": its one description."""
from __future__ import annotations

from eiso_contracts.content import PolicyContent
from eiso_contracts.rpc.quality import SubmitPolicy
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm

POLICY = register(Artefact(
    service="quality", kind="policy", type_code="1",
    form=ContentForm(PolicyContent),
    form_template="quality/_policy_form.html",
    preview_template="quality/_policy_preview.html",
    blank=lambda today: {"year": today.year},
    load=lambda services, policy_id, actor: services.quality.get_policy(policy_id, actor),
    content_of=lambda policy: policy.content.model_dump(mode="json"),
    submit_model=SubmitPolicy,
    submit=lambda services, command, key: services.quality.submit_policy(command, request_id=key),
    created_url=lambda policy: url_for("quality.submitted", policy_id=policy.id),
    create_endpoint="quality.new_policy",
    list_endpoint="quality.policies", list_label="Chính sách chất lượng",
))
