"""Sample analyses and the workflow's facts about their dossiers (type 10), for the context service's tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eiso_contracts.content import ContextAnalysisContent
from eiso_contracts.dossier import ArtefactRef, DossierRef, StepAssignment, StepRef
from eiso_contracts.events.workflow import DossierApproved, DossierCompleted, DossierOpened, DossierRejected

APPROVAL = StepRef(number=2, key="approval", name="Lãnh đạo phê duyệt bối cảnh tổ chức")


def content(year: int = 2026, **changes) -> dict:
    data = {
        "year": year,
        "strengths": ["Đội ngũ cán bộ có trình độ chuyên môn cao"],
        "weaknesses": ["Ứng dụng công nghệ thông tin còn hạn chế"],
        "opportunities": ["Chính phủ đẩy mạnh chuyển đổi số"],
        "threats": ["Yêu cầu của người dân ngày càng cao"],
        "interested_parties": [{"name": "Người dân, doanh nghiệp", "needs": "Giải quyết TTHC đúng hạn"}],
        "scope": "Toàn bộ hoạt động quản lý nhà nước về khoa học và công nghệ của Sở",
        "exclusions": [{"clause": "8.3", "reason": "Sở không thiết kế, phát triển sản phẩm"}],
        "processes": [{"name": "Giải quyết thủ tục hành chính", "owner": "Văn phòng sở"}],
    }
    data.update(changes)
    return ContextAnalysisContent.model_validate(data).model_dump(mode="json")


@dataclass
class AnalysisDossier:
    """What the workflow publishes about one analysis's dossier; versions are given explicitly."""

    analysis_id: str
    code: str = "10-2026-1-SONGANH"
    unit_code: str = "SONGANH"
    leader: str = "u-lanhdao"

    def ref(self, version: int) -> DossierRef:
        return DossierRef(id=f"dossier-{self.code}", code=self.code, type_code="10", unit_code=self.unit_code,
                          artefact=ArtefactRef(service="context", kind="analysis", id=self.analysis_id,
                                               title="Bối cảnh tổ chức năm 2026"), version=version)

    def opened(self) -> DossierOpened:
        return DossierOpened(dossier=self.ref(1), title="Bối cảnh tổ chức năm 2026", opened_by="u-thuky",
                             current=StepAssignment(step=APPROVAL, department_id="d-bgd", handler_id=self.leader,
                                                    deadline=date(2026, 1, 12)))

    def approved(self, version: int = 2) -> DossierApproved:
        return DossierApproved(dossier=self.ref(version), step=APPROVAL, actor_id=self.leader, next=None)

    def completed(self, version: int = 2) -> DossierCompleted:
        return DossierCompleted(dossier=self.ref(version), step=APPROVAL, actor_id=self.leader)

    def rejected(self, version: int = 2, reason: str = "Chưa nêu đủ các bên quan tâm") -> DossierRejected:
        return DossierRejected(dossier=self.ref(version), step=APPROVAL, actor_id=self.leader, comment=reason)
