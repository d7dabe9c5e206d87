"""Artefact content that a dossier step may edit ("Lãnh đạo có thể chỉnh sửa Phương châm, Chính sách").

The workflow validates an action's ``content`` against the schema named by the
dossier definition, so a bad edit is refused before anything moves; the owning
service applies the same model. One place for the rule.
"""
from __future__ import annotations

from typing import ClassVar

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .base import Contract

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


CONTENT_SCHEMAS: dict[str, type[BaseModel]] = {
    "quality.policy": PolicyContent,
    "quality.corrective_action": CorrectiveActionContent,
    "quality.improvement": ImprovementContent,
}


def content_model(schema: str) -> type[BaseModel]:
    try:
        return CONTENT_SCHEMAS[schema]
    except KeyError:
        raise InvalidInput(f"unknown content schema {schema!r}") from None
