"""A controlled document's version as an artefact of dossier type 7 "Soạn thảo, phê duyệt tài liệu"."""
from __future__ import annotations

from eiso_contracts.content import DOCUMENT_TYPES, DocumentVersionContent
from eiso_contracts.rpc.documents import SubmitDocumentVersion
from flask import url_for

from ...flow.artefacts import Artefact, register
from ...flow.content import ContentForm
from ...formatting import today


def new_version_content(services, actor, args) -> dict | None:
    """"Soạn thảo phiên bản mới" of a document: its version in force (else its newest) as the start."""
    document_id = (args.get("document") or "").strip()
    if not document_id:
        return None
    document = services.documents.get_document(actor, document_id)
    source = next((v for v in document.versions if v.number == document.in_force_version), document.versions[0])
    content = source.content.model_dump(mode="json")
    content.update(document_id=document.id, change_summary="", effective_date=today().isoformat())
    if content.get("review_date") and content["review_date"] <= content["effective_date"]:
        content["review_date"] = None
    return content


DOCUMENT_VERSION = register(Artefact(
    service="documents", kind="document_version", type_code="7",
    form=ContentForm(DocumentVersionContent),
    form_template="documents/_version_form.html",
    preview_template="documents/_version_preview.html",
    blank=lambda day: {"effective_date": day.isoformat(), "doc_type": "quy_trinh"},
    load=lambda services, version_id, actor: services.documents.get_document_version(actor, version_id),
    content_of=lambda version: version.content.model_dump(mode="json"),
    submit_model=SubmitDocumentVersion,
    submit=lambda services, command, key: services.documents.submit_document_version(command, request_id=key),
    created_url=lambda version: url_for("documents.document", document_id=version.document_id, submitted=1),
    create_endpoint="documents.new", list_endpoint="documents.register", list_label="Kiểm soát tài liệu",
    checked_uploads=True, start_from=new_version_content,
    form_context=lambda services, actor: {"doc_types": DOCUMENT_TYPES},
))
