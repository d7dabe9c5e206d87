"""Dossier types as data: a numbered sequence of steps with who does them and what they may do.

A type is read from YAML (``eiso_workflow/definitions/*.yml``) and validated
here, so a mistake in a definition stops the service at start-up instead of
stranding a dossier half-way. The graph is a line (approve moves to the next
number, the last step completes the dossier) plus "return" edges back to an
earlier step (Bổ sung); that covers every procedure of the manual without code
per type.
"""
from __future__ import annotations

from typing import Literal

from eiso_contracts.content import CONTENT_SCHEMAS
from eiso_contracts.dossier import StepRef
from eiso_contracts.rpc.common import ROLES
from eiso_contracts.rpc.workflow import DossierTypeView, StepDefinitionView
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Action = Literal["save", "approve", "reject", "return"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class StepDefinition(_Frozen):
    """One numbered step ("Bước N") of a dossier type."""

    number: int = Field(ge=1)
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    name: str = Field(min_length=1, max_length=200)
    role: str
    actions: list[Action] = Field(min_length=1)
    approve_label: str = Field(default="Duyệt", min_length=1, max_length=40)
    edits_content: bool = False
    deadline_days: int = Field(ge=0, le=60)
    return_to: int | None = None
    final: bool = False
    reject_needs_reason: bool = False   # "Không duyệt" only with a reason (Ý kiến)

    @field_validator("role")
    @classmethod
    def _known_role(cls, role: str) -> str:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
        return role

    @field_validator("actions")
    @classmethod
    def _actions(cls, actions: list[str]) -> list[str]:
        if len(set(actions)) != len(actions):
            raise ValueError("an action is listed twice")
        if "approve" not in actions:
            raise ValueError("every step needs 'approve', or the dossier could never leave it")
        return actions

    @model_validator(mode="after")
    def _return_edge(self) -> "StepDefinition":
        if ("return" in self.actions) != (self.return_to is not None):
            raise ValueError(f"step {self.number}: 'return' and 'return_to' go together")
        if self.return_to is not None and not 1 <= self.return_to < self.number:
            raise ValueError(f"step {self.number}: return_to must name an earlier step")
        return self

    def ref(self) -> StepRef:
        return StepRef(number=self.number, key=self.key, name=self.name)

    def view(self) -> StepDefinitionView:
        return StepDefinitionView(
            number=self.number, key=self.key, name=self.name, role=self.role, actions=list(self.actions),
            approve_label=self.approve_label, edits_content=self.edits_content,
            deadline_days=self.deadline_days, final=self.final, return_to=self.return_to,
            reject_needs_reason=self.reject_needs_reason,
        )


class DossierType(_Frozen):
    """A kind of dossier, e.g. type "1" "Lập chính sách chất lượng" about a quality policy."""

    code: str = Field(pattern=r"^[0-9A-Z]{1,10}$")
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)
    name: str = Field(min_length=1, max_length=200)
    artefact_service: str = Field(min_length=1, max_length=40)
    artefact_kind: str = Field(min_length=1, max_length=40)
    content_schema: str | None = None
    steps: list[StepDefinition] = Field(min_length=2)

    @field_validator("content_schema")
    @classmethod
    def _known_schema(cls, schema: str | None) -> str | None:
        if schema is not None and schema not in CONTENT_SCHEMAS:
            raise ValueError(f"unknown content schema {schema!r} (known: {', '.join(CONTENT_SCHEMAS)})")
        return schema

    @model_validator(mode="after")
    def _graph(self) -> "DossierType":
        numbers = [step.number for step in self.steps]
        if numbers != list(range(1, len(self.steps) + 1)):
            raise ValueError(f"steps must be numbered 1..{len(self.steps)} in order, got {numbers}")
        keys = [step.key for step in self.steps]
        if len(set(keys)) != len(keys):
            raise ValueError("step keys must be unique")
        if any(step.final for step in self.steps[:-1]):
            raise ValueError("only the last step may be final")
        if any(step.edits_content for step in self.steps) and self.content_schema is None:
            raise ValueError("a step edits content but the type names no content_schema")
        if not self.steps[-1].final:
            # The last step is final by construction; saying so in YAML is optional.
            steps = [*self.steps[:-1], self.steps[-1].model_copy(update={"final": True})]
            object.__setattr__(self, "steps", steps)
        return self

    def step(self, number: int) -> StepDefinition:
        return self.steps[number - 1]

    def after(self, number: int) -> StepDefinition | None:
        """The step an approval leads to, or None after the final one."""
        return self.steps[number] if number < len(self.steps) else None

    @property
    def first(self) -> StepDefinition:
        return self.steps[0]

    def view(self) -> DossierTypeView:
        return DossierTypeView(
            code=self.code, key=self.key, name=self.name, artefact_service=self.artefact_service,
            artefact_kind=self.artefact_kind, content_schema=self.content_schema,
            steps=[step.view() for step in self.steps],
        )
