"""Drafting a controlled document or a new version of one: who may, what is checked, what the workflow opens."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.dossier import ArtefactRef, DossierRequest
from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, NotFound
from eiso_contracts.events.documents import DocumentVersionSubmitted
from eiso_contracts.rpc.documents import SubmitDocumentVersion

from .aggregate import ON_ITS_WAY, SUBMITTED, Document, Version

DOSSIER_TYPE = "7"           # "Soạn thảo, phê duyệt tài liệu"
ARTEFACT_SERVICE = "documents"
ARTEFACT_KIND = "document_version"
NOT_FOUND = "Không tìm thấy tài liệu."


def title_of(version: Version) -> str:
    return f"{version.content.internal_number} {version.content.title} (phiên bản {version.number})"[:300]


def check_author(actor) -> None:
    """Only the ISO secretary drafts documents (checked before anything else is looked at)."""
    if not actor.has_role("secretary"):
        raise Forbidden("Chỉ Thư ký ISO được soạn thảo tài liệu và phiên bản mới.")


def check_departments(cmd: SubmitDocumentVersion, departments: set[str]) -> None:
    """The owner department and every department it is distributed to are departments of the unit."""
    content = cmd.content
    if content.department_id not in departments:
        raise InvalidInput("Phòng ban chủ trì không thuộc đơn vị.")
    if any(d not in departments for d in content.distribution):
        raise InvalidInput("Phòng ban nhận phân phối không thuộc đơn vị.")


def draft(cmd: SubmitDocumentVersion, *, version_id: str, document_id: str, now: datetime,
          existing: Document | None, number_taken: bool, newest: Version | None) -> Version:
    """The ISO secretary's new version (the first of a new document when ``content.document_id`` is None).

    ``existing``: the document ``content.document_id`` names, in the actor's unit (None if none);
    ``number_taken``: another document of the unit has this STTNB; ``newest``: the document's newest version.
    """
    actor, content = cmd.actor, cmd.content
    check_author(actor)
    if not cmd.attachments:
        raise InvalidInput("Cần đính kèm tệp của tài liệu (PDF, Word, Excel…).")
    if content.document_id is None:
        if number_taken:
            raise Conflict(f"STTNB {content.internal_number} đã có trong đơn vị. Mỗi tài liệu một STTNB.")
        document = Document(id=document_id, unit_code=actor.unit_code, internal_number=content.internal_number,
                            title=content.title, doc_type=content.doc_type, department_id=content.department_id,
                            created_by=actor.id, created_at=now, latest_version=1, review_date=content.review_date)
        number = 1
    else:
        if existing is None:
            raise NotFound(NOT_FOUND)
        if content.internal_number != existing.internal_number:
            raise InvalidInput("STTNB của tài liệu không thay đổi giữa các phiên bản.")
        if newest is not None and newest.status in ON_ITS_WAY:
            raise Conflict(f"Tài liệu {existing.internal_number} đang có phiên bản {newest.number} chưa có hiệu lực; "
                           "chỉ lập phiên bản mới sau khi phiên bản đó có hiệu lực hoặc không được duyệt.")
        document = existing
        document.latest_version += 1
        number = document.latest_version
    content = content.model_copy(update={"document_id": document.id})
    return Version(id=version_id, document_id=document.id, unit_code=actor.unit_code, number=number,
                   content=content, status=SUBMITTED, submitted_by=actor.id, submitted_at=now,
                   files=list(dict.fromkeys(cmd.attachments)), document=document)


def submitted(version: Version, cmd: SubmitDocumentVersion) -> DocumentVersionSubmitted:
    request = DossierRequest(
        type_code=DOSSIER_TYPE, unit_code=version.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=version.id, title=title_of(version)),
        opened_by=version.submitted_by, opened_by_department_id=cmd.actor.department_id, comment=cmd.comment,
        attachments=list(version.files), next=cmd.route,
    )
    return DocumentVersionSubmitted(
        document_id=version.document_id, version_id=version.id, version=version.number, unit_code=version.unit_code,
        internal_number=version.content.internal_number, content=version.content, files=list(version.files),
        submitted_by=version.submitted_by, dossier_request=request)
