"""Proposing a destruction list: only the ISO secretary, only records past their retention and free."""
from __future__ import annotations

from datetime import date, datetime

from eiso_contracts.dossier import ArtefactRef, DossierRequest
from eiso_contracts.errors import Forbidden, InvalidInput
from eiso_contracts.events.documents import DestructionProposed
from eiso_contracts.rpc.documents import ProposeDestruction

from ..records.aggregate import Record
from .aggregate import PROPOSED, Destruction

DOSSIER_TYPE = "12"           # "Hủy hồ sơ hết thời hạn lưu trữ"
ARTEFACT_SERVICE = "documents"
ARTEFACT_KIND = "destruction"


def check_records(record_ids: list[str], found: list[Record], today: date, busy: set[str]) -> None:
    """Every record listed is the unit's, archived, past its retention, not lent and on no other list."""
    by_id = {record.id: record for record in found}
    for record_id in record_ids:
        record = by_id.get(record_id)
        if record is None:
            raise InvalidInput("Hồ sơ đề xuất hủy không tồn tại trong đơn vị.")
        if not record.past_retention(today):
            raise InvalidInput(f"Hồ sơ {record.number} chưa hết thời hạn lưu trữ (hoặc lưu trữ vĩnh viễn, "
                               "hoặc đã hủy); không thể đề xuất hủy.")
        if record.id in busy:
            raise InvalidInput(f"Hồ sơ {record.number} đang được cho mượn hoặc đã nằm trong danh sách hủy khác.")


def draft(cmd: ProposeDestruction, destruction_id: str, now: datetime) -> Destruction:
    if not cmd.actor.has_role("secretary"):
        raise Forbidden("Chỉ Thư ký ISO được đề xuất danh sách hủy hồ sơ.")
    return Destruction(id=destruction_id, unit_code=cmd.actor.unit_code, content=cmd.content, status=PROPOSED,
                       proposed_by=cmd.actor.id, proposed_at=now)


def title_of(destruction: Destruction) -> str:
    return f"Hủy {len(destruction.content.record_ids)} hồ sơ hết thời hạn lưu trữ"


def submitted(destruction: Destruction, cmd: ProposeDestruction) -> DestructionProposed:
    request = DossierRequest(
        type_code=DOSSIER_TYPE, unit_code=destruction.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=destruction.id,
                             title=title_of(destruction)),
        opened_by=destruction.proposed_by, opened_by_department_id=cmd.actor.department_id, comment=cmd.comment,
        attachments=list(cmd.attachments), next=cmd.route)
    return DestructionProposed(destruction_id=destruction.id, unit_code=destruction.unit_code,
                               content=destruction.content, proposed_by=destruction.proposed_by,
                               dossier_request=request)
