"""Objectives content and the workflow's facts about an objectives dossier (type 3), for the quality tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eiso_contracts.dossier import ArtefactRef, DossierRef, StepAssignment, StepRef
from eiso_contracts.events.workflow import (DossierApproved, DossierCompleted, DossierOpened, DossierRejected,
                                            DossierReturned, DossierSaved)

STEPS = {"draft": StepRef(number=1, key="draft", name="Thư ký ISO xây dựng mục tiêu chất lượng"),
         "approval": StepRef(number=2, key="approval", name="Lãnh đạo phê duyệt"),
         "record": StepRef(number=3, key="record", name="Ghi nhận")}
MANUAL = [("Đảm bảo sự hài lòng của khách hàng giải quyết DVC", "98"),
          ("Duy trì HTQLCL trên phần mềm ISO điện tử đảm bảo yêu cầu TCVN ISO 9001:2015", "100"),
          ("Giải quyết đầy đủ kịp thời và đúng hạn TTHC", "100"),
          ("Hoàn thành nhiệm vụ của cấp trên giao", "100")]


def objectives_content(policy_id: str, year: int = 2026, rows=MANUAL) -> dict:
    return {"year": year, "policy_id": policy_id, "objectives": [{"name": n, "target": t} for n, t in rows]}


@dataclass
class ObjectivesDossier:
    objectives_id: str
    code: str = "3-2026-1-SONGANH"
    unit_code: str = "SONGANH"
    leader: str = "u-lanhdao"
    secretary: str = "u-thuky"

    def ref(self, version: int) -> DossierRef:
        return DossierRef(id=f"dossier-{self.code}", code=self.code, type_code="3", unit_code=self.unit_code,
                          artefact=ArtefactRef(service="quality", kind="objectives", id=self.objectives_id,
                                               title="Mục tiêu chất lượng năm 2026"), version=version)

    def assignment(self, step: str, handler: str) -> StepAssignment:
        return StepAssignment(step=STEPS[step], department_id="d-x", handler_id=handler, deadline=date(2026, 1, 12))

    def opened(self) -> DossierOpened:
        return DossierOpened(dossier=self.ref(1), title="Mục tiêu chất lượng năm 2026", opened_by=self.secretary,
                             current=self.assignment("approval", self.leader))

    def saved(self, v: int, content: dict) -> DossierSaved:
        return DossierSaved(dossier=self.ref(v), step=STEPS["approval"], actor_id=self.leader, content=content)

    def approved(self, v: int, content: dict | None = None) -> DossierApproved:
        return DossierApproved(dossier=self.ref(v), step=STEPS["approval"], actor_id=self.leader, content=content,
                               next=self.assignment("record", self.secretary))

    def returned(self, v: int) -> DossierReturned:
        return DossierReturned(dossier=self.ref(v), step=STEPS["approval"], actor_id=self.leader,
                               comment="Bổ sung chỉ tiêu", returned_to=self.assignment("draft", self.secretary))

    def resubmitted(self, v: int, content: dict | None = None) -> DossierApproved:
        return DossierApproved(dossier=self.ref(v), step=STEPS["draft"], actor_id=self.secretary, content=content,
                               next=self.assignment("approval", self.leader))

    def rejected(self, v: int) -> DossierRejected:
        return DossierRejected(dossier=self.ref(v), step=STEPS["approval"], actor_id=self.leader, comment="Không")

    def recorded(self, v: int) -> tuple[DossierApproved, DossierCompleted]:
        return (DossierApproved(dossier=self.ref(v), step=STEPS["record"], actor_id=self.secretary, next=None),
                DossierCompleted(dossier=self.ref(v), step=STEPS["record"], actor_id=self.secretary))
