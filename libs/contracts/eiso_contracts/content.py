"""Artefact content that a dossier step may edit ("Lãnh đạo có thể chỉnh sửa Phương châm, Chính sách").

The workflow validates an action's ``content`` against the schema named by the
dossier definition, so a bad edit is refused before anything moves; the owning
service applies the same model. One place for the rule.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from .base import Contract
from .dossier import Id
from .errors import InvalidInput


class PolicyContent(Contract):
    """A quality policy: its year, motto (Phương châm) and statements (Chính sách)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    # The labels of the manual, for messages about a field ("Phương châm: không được để trống"). Not
    # pydantic titles: those would change the published JSON Schema of every event carrying the content.
    field_titles: ClassVar[dict[str, str]] = {"year": "Năm", "motto": "Phương châm", "statements": "Chính sách"}

    year: int = Field(ge=2000, le=2100)
    motto: str = Field(min_length=1, max_length=500)
    statements: list[str] = Field(min_length=1, max_length=30)

    @field_validator("statements")
    @classmethod
    def _clean_statements(cls, value: list[str]) -> list[str]:
        cleaned = [line.strip() for line in value if line and line.strip()]
        if not cleaned:
            raise ValueError("cần ít nhất một nội dung chính sách")
        for line in cleaned:
            if len(line) > 500:
                raise ValueError("mỗi nội dung chính sách tối đa 500 ký tự")
        return cleaned


class CorrectiveActionContent(Contract):
    """The corrective-action dossier of a nonconformity (ISO 10.2), as its steps fill it in.

    The department head writes the correction, the cause analysis (up to five "why"s and the root
    cause) and the corrective action with its owner and due date; when it is done, what was done
    (``implementation``); the auditor who verifies it, the effectiveness (``verification``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    field_titles: ClassVar[dict[str, str]] = {
        "correction": "Khắc phục tức thời", "whys": "Phân tích nguyên nhân (5 tại sao)",
        "root_cause": "Nguyên nhân gốc", "action": "Hành động khắc phục", "owner": "Người thực hiện",
        "due_date": "Hạn hoàn thành", "implementation": "Kết quả thực hiện",
        "verification": "Xác nhận hiệu lực"}

    correction: str = Field(min_length=1, max_length=4000)
    whys: list[str] = Field(min_length=1, max_length=5)
    root_cause: str = Field(min_length=1, max_length=2000)
    action: str = Field(min_length=1, max_length=4000)
    owner: str = Field(min_length=1, max_length=200)
    due_date: date
    implementation: str = Field(default="", max_length=4000)
    verification: str = Field(default="", max_length=4000)

    @field_validator("whys")
    @classmethod
    def _clean_whys(cls, value: list[str]) -> list[str]:
        cleaned = [line.strip() for line in value if line and line.strip()]
        if not cleaned:
            raise ValueError("cần ít nhất một câu trả lời \"tại sao\"")
        if len(cleaned) > 5:
            raise ValueError("tối đa 5 câu \"tại sao\"")
        if any(len(line) > 1000 for line in cleaned):
            raise ValueError("mỗi câu trả lời tối đa 1000 ký tự")
        return cleaned


class ImprovementContent(Contract):
    """The improvement dossier (ISO 10.3): the leader's directions, then implementation and result."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    field_titles: ClassVar[dict[str, str]] = {
        "directions": "Chỉ đạo của Lãnh đạo", "responsible": "Trách nhiệm triển khai",
        "due_date": "Thời gian hoàn thành", "implementation": "Kết quả triển khai", "result": "Hiệu quả đạt được"}

    directions: str = Field(min_length=1, max_length=4000)
    responsible: str = Field(default="", max_length=500)
    due_date: date | None = None
    implementation: str = Field(default="", max_length=4000)
    result: str = Field(default="", max_length=4000)


def _lines(value: list[str], what: str, longest: int = 500) -> list[str]:
    """Lines as typed, blank ones dropped; each at most ``longest`` characters."""
    cleaned = [line.strip() for line in value if line and line.strip()]
    if any(len(line) > longest for line in cleaned):
        raise ValueError(f"mỗi {what} tối đa {longest} ký tự")
    return cleaned


class _Part(Contract):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# -- Bối cảnh tổ chức (ISO 4.1-4.4), manual section 1 -------------------------------------------------------
class InterestedParty(_Part):
    """ISO 4.2: a party interested in the unit's QMS and what it needs and expects."""

    field_titles: ClassVar[dict[str, str]] = {"name": "Bên quan tâm", "needs": "Nhu cầu và mong đợi"}
    name: str = Field(min_length=1, max_length=300)
    needs: str = Field(min_length=1, max_length=1000)


class ScopeExclusion(_Part):
    """ISO 4.3: a clause of the standard the unit does not apply, and why."""

    field_titles: ClassVar[dict[str, str]] = {"clause": "Điều khoản", "reason": "Lý do không áp dụng"}
    clause: str = Field(min_length=1, max_length=40)
    reason: str = Field(min_length=1, max_length=1000)


class QmsProcess(_Part):
    """ISO 4.4: one process of the QMS and who leads it."""

    field_titles: ClassVar[dict[str, str]] = {"name": "Tên quá trình", "owner": "Đơn vị chủ trì"}
    name: str = Field(min_length=1, max_length=300)
    owner: str = Field(default="", max_length=300)


class ContextAnalysisContent(Contract):
    """One year's context analysis (Tổ chức và bối cảnh): issues, interested parties, scope, processes."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    field_titles: ClassVar[dict[str, str]] = {
        "year": "Năm phân tích", "strengths": "Điểm mạnh", "weaknesses": "Điểm yếu", "opportunities": "Cơ hội",
        "threats": "Thách thức", "interested_parties": "Các bên quan tâm", "scope": "Phạm vi áp dụng",
        "exclusions": "Điều khoản không áp dụng", "processes": "Các quá trình",
    }

    year: int = Field(ge=2000, le=2100)
    strengths: list[str] = Field(min_length=1, max_length=30)        # 4.1 internal issues
    weaknesses: list[str] = Field(min_length=1, max_length=30)
    opportunities: list[str] = Field(min_length=1, max_length=30)    # 4.1 external issues
    threats: list[str] = Field(min_length=1, max_length=30)
    interested_parties: list[InterestedParty] = Field(min_length=1, max_length=30)   # 4.2
    scope: str = Field(min_length=1, max_length=4000)                # 4.3
    exclusions: list[ScopeExclusion] = Field(default_factory=list, max_length=20)
    processes: list[QmsProcess] = Field(min_length=1, max_length=50)  # 4.4

    @field_validator("strengths", "weaknesses", "opportunities", "threats")
    @classmethod
    def _clean_issues(cls, value: list[str]) -> list[str]:
        cleaned = _lines(value, "vấn đề")
        if not cleaned:
            raise ValueError("cần ít nhất một dòng")
        return cleaned


# -- Mục tiêu chất lượng hàng năm (ISO 6.2), manual section 3 --------------------------------------------------
def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


# A percentage 0-100 with at most two decimals, always carried with two ("98.00"; shown as 98,00).
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2), AfterValidator(_two_places)]


class QualityObjective(_Part):
    """One objective of the unit: its name and its measurement target (Đo lường, %)."""

    field_titles: ClassVar[dict[str, str]] = {"name": "Tên mục tiêu", "target": "Đo lường (%)"}
    name: str = Field(min_length=1, max_length=500)
    target: Percent


class ObjectivesContent(Contract):
    """One version of the year's quality objectives, under a quality policy ("Chọn chính sách")."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    field_titles: ClassVar[dict[str, str]] = {"year": "Năm", "policy_id": "Chính sách",
                                              "objectives": "Mục tiêu chất lượng"}

    year: int = Field(ge=2000, le=2100)
    policy_id: Id
    objectives: list[QualityObjective] = Field(min_length=1, max_length=50)


# Kiểm soát tài liệu (ISO 7.5): the kinds of controlled documents, with the manual's words.
DOCUMENT_TYPES: dict[str, str] = {
    "quy_che": "Quy chế",
    "quy_trinh": "Quy trình",
    "huong_dan": "Hướng dẫn",
    "bieu_mau": "Biểu mẫu",
    "ben_ngoai": "Tài liệu bên ngoài",
}
DocumentType = Literal["quy_che", "quy_trinh", "huong_dan", "bieu_mau", "ben_ngoai"]
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$"


class DocumentVersionContent(Contract):
    """One version of a controlled document as its dossier "Soạn thảo, phê duyệt tài liệu" carries it.

    ``document_id`` is None for a new document (its first version) and names the document for a new
    version of it; ``internal_number`` (STTNB, e.g. ``08/TTNB-To``) is the document's, unique in its unit,
    and does not change between versions. The leader may edit the rest while approving.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    field_titles: ClassVar[dict[str, str]] = {
        "document_id": "Tài liệu", "internal_number": "STTNB", "title": "Tên tài liệu", "doc_type": "Loại tài liệu",
        "department_id": "Phòng ban chủ trì", "change_summary": "Tóm tắt thay đổi",
        "effective_date": "Ngày hiệu lực", "review_date": "Ngày rà soát", "distribution": "Phân phối",
    }

    document_id: str | None = Field(default=None, pattern=_ID)
    internal_number: str = Field(min_length=1, max_length=40, pattern=r"^[^\s/\\][^\\]*$")
    title: str = Field(min_length=1, max_length=300)
    doc_type: DocumentType
    department_id: str = Field(min_length=1, max_length=64)
    change_summary: str = Field(default="", max_length=2000)
    effective_date: date
    review_date: date | None = None
    distribution: list[str] = Field(default_factory=list, max_length=50)

    @field_validator("distribution")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(item.strip() for item in value if item and item.strip()))

    @model_validator(mode="after")
    def _review_after_effective(self) -> "DocumentVersionContent":
        if self.review_date is not None and self.review_date <= self.effective_date:
            raise ValueError("Ngày rà soát phải sau ngày hiệu lực")
        return self


class DestructionContent(Contract):
    """The ISO secretary's destruction list ("Hủy hồ sơ"): records past their retention, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    field_titles: ClassVar[dict[str, str]] = {"record_ids": "Hồ sơ đề xuất hủy", "reason": "Lý do hủy"}

    record_ids: list[str] = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=2000)

    @field_validator("record_ids")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        cleaned = list(dict.fromkeys(item.strip() for item in value if item and item.strip()))
        if not cleaned:
            raise ValueError("cần chọn ít nhất một hồ sơ")
        return cleaned


CONTENT_SCHEMAS: dict[str, type[BaseModel]] = {
    "quality.policy": PolicyContent,
    "quality.corrective_action": CorrectiveActionContent,
    "quality.improvement": ImprovementContent,
    "context.analysis": ContextAnalysisContent,
    "quality.objectives": ObjectivesContent,
    "documents.document_version": DocumentVersionContent,
    "documents.destruction": DestructionContent,
}


def content_model(schema: str) -> type[BaseModel]:
    try:
        return CONTENT_SCHEMAS[schema]
    except KeyError:
        raise InvalidInput(f"unknown content schema {schema!r}") from None
