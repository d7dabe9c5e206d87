"""A destruction list as an artefact of dossier type 12 "Hủy hồ sơ hết thời hạn lưu trữ"."""
from __future__ import annotations

from eiso_contracts.content import DestructionContent
from eiso_contracts.rpc.documents import ProposeDestruction
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm


def choosable(services, actor) -> dict:
    """The records past their retention the list may name (the service checks again: lent, on another list)."""
    return {"due_records": services.documents.list_records(actor, due_for_destruction=True)}


def first_choice(services, actor, args) -> dict | None:
    chosen = [i for i in args.getlist("record") if i] if hasattr(args, "getlist") else []
    return {"record_ids": chosen, "reason": ""} if chosen else None


DESTRUCTION = register(Artefact(
    service="documents", kind="destruction", type_code="12",
    form=ContentForm(DestructionContent),
    form_template="records/_destruction_form.html",
    preview_template="records/_destruction_preview.html",
    blank=lambda day: {"record_ids": [], "reason": "Hết thời hạn lưu trữ theo quy định"},
    load=lambda services, destruction_id, actor: services.documents.get_destruction(actor, destruction_id),
    content_of=lambda destruction: destruction.content.model_dump(mode="json"),
    submit_model=ProposeDestruction,
    submit=lambda services, command, key: services.documents.propose_destruction(command, request_id=key),
    created_url=lambda destruction: url_for("records.destruction", proposed=1),
    create_endpoint="records.new_destruction", list_endpoint="records.destruction", list_label="Hủy hồ sơ",
    start_from=first_choice, form_context=choosable,
))
