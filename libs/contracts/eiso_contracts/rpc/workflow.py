"""RPC models of the workflow service: dossiers, steps, the "Chuyển hồ sơ" action, inboxes."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from ..dossier import ArtefactRef, Assignment, Id
from .common import Actor, Model

Action = Literal["save", "approve", "reject", "return"]
Tab = Literal["following", "todo", "done", "completed"]

# Labels of the manual ("Chuyển hồ sơ").
ACTION_LABELS: dict[str, str] = {
    "save": "Chưa chuyển (chỉ lưu thông tin, không gửi đi)",
    "approve": "Duyệt",
    "reject": "Không duyệt",
    "return": "Bổ sung",
}
TAB_LABELS: dict[str, str] = {
    "following": "Theo dõi",
    "todo": "Chưa xử lý",
    "done": "Đã xử lý",
    "completed": "Hoàn thành hồ sơ",
}
# Deadline legend: (processed?, timing) -> label
TIMING_LABELS: dict[str, str] = {
    "late": "Trễ hạn",
    "on_time": "Đúng hạn",
    "early": "Trước hạn",
    "not_reached": "Chưa/Không đi qua",
}
DOSSIER_STATUS_LABELS: dict[str, str] = {
    "open": "Đang xử lý",
    "completed": "Hoàn thành",
    "rejected": "Không duyệt",
}


class ActCommand(Model):
    """One submission of the "Chuyển hồ sơ" form.

    ``next``: for ``approve`` on a non-final step, who handles the next step
    (required); for ``save``, kept as the draft; for ``return``, optional: when
    absent the dossier goes back to whoever last did the return step, with its
    default deadline. ``content``: an edit of the artefact, only on steps that
    edit content (not with ``return``). ``expected_version``: the dossier's
    ``version`` when the form was opened. ``request_id``: an idempotency key
    (the form's, or the API's ``Idempotency-Key``): the same person sending
    the same action again with it gets the dossier as it is, the action
    applied once, instead of "already processed"; other content under the
    same key is refused (422).
    """

    code: str = Field(min_length=1, max_length=40)
    actor: Actor
    expected_version: int = Field(ge=1)
    action: Action
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    next: Assignment | None = None
    content: dict[str, Any] | None = None
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class DefinitionRef(Model):
    """Argument of ``get_definition(type_code)``."""

    type_code: str = Field(min_length=1, max_length=10)


class DossierQuery(Model):
    """Arguments of ``get_dossier(code, actor)``."""

    code: str = Field(min_length=1, max_length=40)
    actor: Actor


class ArtefactDossierQuery(Model):
    """Arguments of ``get_dossier_for_artefact(service, kind, artefact_id, actor)``."""

    service: str = Field(min_length=1, max_length=40)
    kind: str = Field(min_length=1, max_length=40)
    artefact_id: Id
    actor: Actor


class InboxQuery(Model):
    actor: Actor
    tab: Tab = "todo"
    page: int = Field(default=1, ge=1, le=10_000)
    page_size: int = Field(default=20, ge=1, le=100)
    search: str | None = Field(default=None, max_length=100)


class StepDefinitionView(Model):
    number: int
    key: str
    name: str
    role: str
    actions: list[Action]
    approve_label: str
    edits_content: bool
    deadline_days: int
    final: bool
    return_to: int | None = None  # the step "Bổ sung" sends the dossier back to
    reject_needs_reason: bool = False  # "Không duyệt" is refused without a comment (the reason)


class DossierTypeView(Model):
    code: str
    key: str
    name: str
    artefact_service: str
    artefact_kind: str
    content_schema: str | None
    steps: list[StepDefinitionView]


class StepView(Model):
    """A step on the dossier timeline."""

    number: int
    key: str
    name: str
    state: Literal["done", "current", "not_reached"]
    department_id: Id | None = None
    handler_id: Id | None = None
    deadline: date | None = None
    done_at: datetime | None = None
    done_half_day: Literal["Sáng", "Chiều"] | None = None
    action: Action | None = None
    action_label: str | None = None
    timing: Literal["late", "on_time", "early", "not_reached"]
    timing_label: str
    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)


class HistoryEntry(Model):
    at: datetime
    actor_id: Id
    step_number: int
    step_name: str
    action: Action
    action_label: str
    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)
    content: dict[str, Any] | None = None
    next: Assignment | None = None


class DraftView(Model):
    """What the handler saved with "Chưa chuyển", to prefill the form."""

    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)
    next: Assignment | None = None
    content: dict[str, Any] | None = None


class ActionForm(Model):
    """What the current handler may do now; absent for anyone else."""

    actions: list[Action]
    approve_label: str
    edits_content: bool
    next_step: StepDefinitionView | None
    return_step: StepDefinitionView | None
    default_deadline: date | None
    draft: DraftView


class DossierSummary(Model):
    id: Id
    code: str
    type_code: str
    type_name: str
    title: str
    unit_code: str
    artefact: ArtefactRef
    status: Literal["open", "completed", "rejected"]
    status_label: str
    opened_by: Id
    opened_at: datetime
    closed_at: datetime | None = None
    current_step: StepView | None = None
    version: int


class DossierView(DossierSummary):
    steps: list[StepView]
    history: list[HistoryEntry]
    form: ActionForm | None = None


class InboxCounts(Model):
    following: int
    todo: int
    done: int
    completed: int


class InboxPage(Model):
    tab: Tab
    items: list[DossierSummary]
    total: int
    page: int
    page_size: int
    counts: InboxCounts
