"""The context service's analyses (manual section 1), for FakeContext: actors verified as the service does."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context_analysis import ANALYSIS_STATUSES, AnalysisView, SubmitAnalysis
from eiso_kit.actors import verify
from eiso_kit.rpc import parse
from eiso_kit.testing.actors import TEST_ACTOR_KEY

from .rpc import rpc
from .seed import NOW


def checked(actor) -> Actor:
    """The actor as the service's @query/@command see it: its proof must be the gateway's."""
    return verify(parse(Actor, actor), TEST_ACTOR_KEY)


class AnalysesMixin:
    @property
    def analyses(self) -> dict[str, AnalysisView]:
        return self.__dict__.setdefault("_analyses", {})

    def add_analysis(self, year: int, status: str = "submitted", content: dict | None = None,
                     dossier_code: str | None = None, unit: str = "SONGANH") -> AnalysisView:
        content = content or {"year": year, "strengths": ["Đội ngũ có trình độ"], "weaknesses": ["Thiếu thiết bị"],
                              "opportunities": ["Chuyển đổi số"], "threats": ["Yêu cầu ngày càng cao"],
                              "interested_parties": [{"name": "Người dân", "needs": "Giải quyết đúng hạn"}],
                              "scope": "Toàn bộ hoạt động của Sở", "processes": [{"name": "Giải quyết TTHC"}]}
        view = AnalysisView(id=f"an-{year}-{uuid.uuid4().hex[:6]}", unit_code=unit, year=year, content=content,
                            status=status, status_label=ANALYSIS_STATUSES[status], dossier_code=dossier_code,
                            submitted_by="p-secretary", submitted_at=NOW)
        self.analyses[view.id] = view
        return view

    @rpc
    def submit_analysis(self, cmd):
        c = parse(SubmitAnalysis, cmd)
        checked(c.actor.model_dump(mode="json"))
        if "secretary" not in c.actor.roles:
            raise Forbidden("Chỉ Thư ký ISO được lập phân tích bối cảnh tổ chức.")
        if any(a.year == c.content.year and a.status != "rejected" for a in self.analyses.values()):
            raise Conflict(f"Năm {c.content.year} đã có phân tích bối cảnh tổ chức.")
        return self.add_analysis(c.content.year, content=c.content.model_dump(mode="json"))

    def _own(self, analysis_id, actor) -> AnalysisView:
        who = checked(actor)
        found = self.analyses.get(analysis_id)
        if found is None or found.unit_code != who.unit_code:
            raise NotFound("Không tìm thấy phân tích bối cảnh tổ chức.")
        return found

    @rpc
    def get_analysis(self, analysis_id, actor):
        return self._own(analysis_id, actor)

    @rpc
    def list_analyses(self, actor):
        who = checked(actor)
        return sorted((a for a in self.analyses.values() if a.unit_code == who.unit_code),
                      key=lambda a: a.year, reverse=True)

    @rpc
    def get_applied_analysis(self, actor):
        who = checked(actor)
        return next((a for a in self.analyses.values() if a.unit_code == who.unit_code and a.status == "applied"),
                    None)

    @rpc
    def apply_analysis(self, analysis_id, actor):
        found = self._own(analysis_id, actor)
        if "leader" not in checked(actor).roles:
            raise Forbidden("Chỉ Lãnh đạo đơn vị được áp dụng phân tích bối cảnh tổ chức.")
        if found.status not in ("approved", "applied"):
            raise InvalidInput("Chỉ áp dụng được phân tích bối cảnh đã được phê duyệt.")
        for other in list(self.analyses.values()):
            if other.status == "applied" and other.id != found.id:
                self.analyses[other.id] = other.model_copy(update={"status": "approved",
                                                                   "status_label": ANALYSIS_STATUSES["approved"]})
        self.analyses[found.id] = found.model_copy(update={"status": "applied",
                                                           "status_label": ANALYSIS_STATUSES["applied"]})
        return self.analyses[found.id]
