"""Artefact content that a dossier step may edit ("Lãnh đạo có thể chỉnh sửa Phương châm, Chính sách").

The workflow validates an action's ``content`` against the schema named by the
dossier definition, so a bad edit is refused before anything moves; the owning
service applies the same model. One place for the rule.
"""
from __future__ import annotations

from typing import ClassVar

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


CONTENT_SCHEMAS: dict[str, type[BaseModel]] = {
    "quality.policy": PolicyContent,
}


def content_model(schema: str) -> type[BaseModel]:
    try:
        return CONTENT_SCHEMAS[schema]
    except KeyError:
        raise InvalidInput(f"unknown content schema {schema!r}") from None
