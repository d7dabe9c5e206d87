"""The "Xử lý" form of a dossier step ("CHUYỂN HỒ SƠ"): read it, prefill it, turn it into an ``ActCommand``.

Kept apart from the routes so the rules are easy to read and test:
* the radio buttons are the manual's labels, in the manual's order, limited to
  what the step allows; approve shows the step's own label ("Ban hành") when
  it differs from "Duyệt";
* "Bước xử lý tiếp theo" is required to approve a step that has a next step,
  optional (kept as a draft) when saving, not sent for Bổ sung / Không duyệt;
* "Bổ sung" goes back to the return step's last handler unless the person
  chose someone else (or another deadline) in its own block, or that handler
  can no longer take it (left, lost the role): then a choice is required and
  is sent as ``next`` with the return;
* content edits travel in the same command, with "Chưa chuyển", "Duyệt" and
  "Không duyệt" (kept with the rejected dossier), only when something changed;
  the workflow refuses content with "Bổ sung", so a changed text with "Bổ sung"
  is refused here, on the form, instead of being dropped without a word;
* what the person typed is always kept, so an error never costs them their text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.context import PersonView
from eiso_contracts.rpc.workflow import ACTION_LABELS, ActionForm, DossierView, StepDefinitionView

from ..formatting import parse_date
from ..i18n import N_
from ..pages.forms import invalid
from .artefacts import Artefact
from .routing import NextStepInput
from .submission import DossierForm, new_request_id, read_request_id

RETURN_DEFAULT_GONE = N_("Người đã xử lý bước được trả về không còn nhận được hồ sơ (đã bị khóa hoặc không còn "
                         "vai trò phù hợp). Vui lòng chọn người nhận hồ sơ bổ sung.")
RETURN_DROPS_CONTENT = N_("Nội dung đã sửa không được lưu khi Bổ sung. Chọn \"Chưa chuyển\" để lưu nội dung "
                          "trước, hoặc hoàn tác thay đổi.")

ACTION_ORDER = ("save", "return", "reject", "approve")


def action_choices(form: ActionForm) -> list[tuple[str, str]]:
    """(value, label) of the radio buttons this step offers, in the manual's order."""
    choices = []
    for action in ACTION_ORDER:
        if action not in form.actions:
            continue
        label = ACTION_LABELS[action]
        if action == "approve" and form.approve_label and form.approve_label != label:
            label = form.approve_label
        choices.append((action, label))
    return choices


def latest_content(dossier: DossierView) -> dict | None:
    """The newest content edited inside the dossier: the handler's saved draft first, then the history.

    That is what the owning service will hold once the workflow's events have
    landed, so the form never shows an older text than the person last saved.
    """
    if dossier.form is not None and dossier.form.draft.content:
        return dict(dossier.form.draft.content)
    for entry in sorted(dossier.history, key=lambda e: e.at, reverse=True):
        if entry.content:
            return dict(entry.content)
    return None


@dataclass(frozen=True)
class ReturnChoice:
    """The "Bổ sung" block: the step it goes back to, who would get it by default, who may.

    ``default_id``: the person who last did the return step (the workflow's
    own default); ``default_person`` their view when known. ``candidates``:
    active people with the step's role, as for "Chọn người xử lý".
    """

    step: StepDefinitionView
    default_id: str | None
    default_person: PersonView | None
    default_deadline: date
    candidates: list[PersonView]

    @property
    def default_available(self) -> bool:
        """Can the default person still take the step (active, with its role)?"""
        return self.default_id is not None and any(p.id == self.default_id for p in self.candidates)

    def prefill(self) -> NextStepInput:
        if not self.default_available:
            return NextStepInput(deadline=self.default_deadline.isoformat(), prefix="return")
        person = next(p for p in self.candidates if p.id == self.default_id)
        return NextStepInput(person.department_id or "", person.id, self.default_deadline.isoformat(), "return")

    def assignment(self, chosen: NextStepInput) -> dict | None:
        """``next`` for the return: None to let the workflow send it to its default person."""
        unchanged_deadline = not chosen.deadline or parse_date(chosen.deadline) == self.default_deadline
        if self.default_available and (not chosen.handler_id or
                                       (chosen.handler_id == self.default_id and unchanged_deadline)):
            return None
        if not chosen.handler_id:
            raise invalid("return_handler_id", RETURN_DEFAULT_GONE)
        return chosen.assignment(self.candidates, required=True,
                                 not_candidate="Người được chọn không thể nhận hồ sơ bổ sung ở bước này.")


def last_doer(dossier: DossierView, step_number: int) -> str | None:
    """Who last did ``step_number`` (the workflow's default for "Bổ sung"), else who opened the dossier."""
    step = next((s for s in dossier.steps if s.number == step_number), None)
    if step is not None and step.handler_id:
        return step.handler_id
    for entry in sorted(dossier.history, key=lambda e: e.at, reverse=True):
        if entry.step_number == step_number:
            return entry.actor_id
    return dossier.opened_by


@dataclass
class TransferInput(DossierForm):
    """Everything the person typed on the "Xử lý" form, as strings, ready to be shown again.

    ``request_id`` (from ``DossierForm``) is made per rendered form and kept on
    a re-render: the idempotency key a "Chuyển hồ sơ" submission will carry.
    """

    expected_version: str = ""
    action: str = "save"
    back: NextStepInput = field(default_factory=lambda: NextStepInput(prefix="return"))  # the "Bổ sung" block

    @classmethod
    def from_form(cls, form, artefact: Artefact | None = None) -> "TransferInput":
        return cls(
            request_id=read_request_id(form),
            expected_version=form.get("expected_version", "").strip(),
            action=form.get("action", "").strip(),
            comment=form.get("comment", ""),
            next=NextStepInput.from_form(form),
            back=NextStepInput.from_form(form, prefix="return"),
            keep_attachments=[a for a in form.getlist("keep_attachments") if a],
            content_fields=artefact.form.read(form) if artefact is not None else {},
        )

    @classmethod
    def prefill(cls, dossier: DossierView, artefact: Artefact | None, content: dict | None,
                back: ReturnChoice | None = None) -> "TransferInput":
        """The saved draft ("Chưa chuyển") if any, else the form's defaults."""
        form = dossier.form
        draft = form.draft
        next_input = NextStepInput()
        if draft.next is not None:
            next_input = NextStepInput(draft.next.department_id, draft.next.handler_id,
                                       draft.next.deadline.isoformat())
        elif form.default_deadline is not None:
            next_input = NextStepInput(deadline=form.default_deadline.isoformat())
        fields = artefact.content_fields(content) if (artefact and content and form.edits_content) else {}
        return cls(request_id=new_request_id(), expected_version=str(dossier.version), action="save",
                   comment=draft.comment, next=next_input,
                   back=back.prefill() if back else NextStepInput(prefix="return"),
                   keep_attachments=list(draft.attachments), content_fields=fields)


def content_changed(artefact: Artefact, fields: dict[str, str], original: dict | None) -> bool:
    """Did the person change the editor's text? (A text the rules refuse counts as changed.)"""
    try:
        return artefact.form.content_of(fields) != original
    except InvalidInput:
        shown = artefact.content_fields(original) if original else {}
        return not artefact.form.same(fields, {name: shown.get(name, "") for name in fields})


def build_command(dossier: DossierView, data: TransferInput, artefact: Artefact | None,
                  original_content: dict | None, candidates,
                  back: ReturnChoice | None = None) -> dict:
    """The ``ActCommand`` JSON (without the actor) for this submission; raises ``InvalidInput``."""
    form = dossier.form
    allowed = dict(action_choices(form))
    if data.action not in allowed:
        raise invalid("action", "Vui lòng chọn một hình thức chuyển hồ sơ.")
    try:
        expected = int(data.expected_version)
    except ValueError:
        raise InvalidInput("Biểu mẫu không hợp lệ, vui lòng tải lại trang.") from None

    command: dict = {
        "code": dossier.code,
        "expected_version": expected,
        "action": data.action,
        "comment": data.comment.strip(),
        "attachments": list(dict.fromkeys(data.keep_attachments)),
    }
    edits = bool(form.edits_content and artefact is not None and data.content_fields)
    if data.action == "return" and edits and content_changed(artefact, data.content_fields, original_content):
        raise InvalidInput(RETURN_DROPS_CONTENT)
    if data.action in ("approve", "save") and form.next_step is not None:
        command["next"] = data.next.assignment(candidates, required=data.action == "approve")
    if data.action == "return" and back is not None:
        command["next"] = back.assignment(data.back)
    if edits and data.action in ("save", "approve", "reject"):
        content = artefact.form.content_of(data.content_fields)
        if content != original_content:
            command["content"] = content
    return {k: v for k, v in command.items() if v is not None}
