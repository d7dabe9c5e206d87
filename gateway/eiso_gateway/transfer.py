"""The "Xử lý" form of a dossier step ("CHUYỂN HỒ SƠ"): read it, prefill it, turn it into an ``ActCommand``.

Kept apart from the routes so the rules are easy to read and test:
* the radio buttons are the manual's labels, in the manual's order, limited to
  what the step allows; approve shows the step's own label ("Ban hành") when
  it differs from "Duyệt";
* "Bước xử lý tiếp theo" is required to approve a step that has a next step,
  optional (kept as a draft) when saving, not sent for Bổ sung / Không duyệt
  (the workflow sends those back to the step's earlier handler / closes);
* content edits travel in the same command, only with "Chưa chuyển" or "Duyệt"
  (the workflow refuses content with "Bổ sung"; with "Không duyệt" it is moot),
  and only when something changed;
* what the person typed is always kept, so an error never costs them their text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.workflow import ACTION_LABELS, ActionForm, DossierView

from .artefacts import ArtefactKind
from .form_parts import NextStepInput

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


@dataclass
class TransferInput:
    """Everything the person typed on the form, as strings, ready to be shown again."""

    expected_version: str = ""
    action: str = "save"
    comment: str = ""
    next: NextStepInput = field(default_factory=NextStepInput)
    keep_attachments: list[str] = field(default_factory=list)
    content_fields: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_form(cls, form, editor_fields: tuple[str, ...] = ()) -> "TransferInput":
        return cls(
            expected_version=form.get("expected_version", "").strip(),
            action=form.get("action", "").strip(),
            comment=form.get("comment", ""),
            next=NextStepInput.from_form(form),
            keep_attachments=[a for a in form.getlist("keep_attachments") if a],
            content_fields={name: form.get(f"content_{name}", "") for name in editor_fields},
        )

    @classmethod
    def prefill(cls, dossier: DossierView, kind: ArtefactKind | None, content: dict | None) -> "TransferInput":
        """The saved draft ("Chưa chuyển") if any, else the form's defaults."""
        form = dossier.form
        draft = form.draft
        next_input = NextStepInput()
        if draft.next is not None:
            next_input = NextStepInput(draft.next.department_id, draft.next.handler_id,
                                       draft.next.deadline.isoformat())
        elif form.default_deadline is not None:
            next_input = NextStepInput(deadline=form.default_deadline.isoformat())
        fields = kind.fields_of(content) if (kind and kind.editor_template and content and form.edits_content) else {}
        return cls(expected_version=str(dossier.version), action="save", comment=draft.comment,
                   next=next_input, keep_attachments=list(draft.attachments), content_fields=fields)


def build_command(dossier: DossierView, data: TransferInput, kind: ArtefactKind | None,
                  original_content: dict | None, candidates, new_file_ids: list[str]) -> dict:
    """The ``ActCommand`` JSON (without the actor) for this submission; raises ``InvalidInput``."""
    form = dossier.form
    allowed = dict(action_choices(form))
    if data.action not in allowed:
        raise InvalidInput("Vui lòng chọn một hình thức chuyển hồ sơ.")
    try:
        expected = int(data.expected_version)
    except ValueError:
        raise InvalidInput("Biểu mẫu không hợp lệ, vui lòng tải lại trang.") from None

    command: dict = {
        "code": dossier.code,
        "expected_version": expected,
        "action": data.action,
        "comment": data.comment.strip(),
        "attachments": list(dict.fromkeys(data.keep_attachments + new_file_ids)),
    }
    if data.action in ("approve", "save") and form.next_step is not None:
        command["next"] = data.next.assignment(candidates, required=data.action == "approve")
    if form.edits_content and kind is not None and kind.editor_template and data.content_fields \
            and data.action in ("save", "approve"):
        content = kind.content_of(data.content_fields)
        if content != original_content:
            command["content"] = content
    return {k: v for k, v in command.items() if v is not None}
