"""Kiểm soát hoạt động ISO: the inbox tabs, "Thông tin hồ sơ" and "Xử lý".

Everything shown comes from the workflow service (dossiers, steps, the action
form) plus names from the context and documents services. The action form is
only ever built from ``DossierView.form``, which the workflow returns to the
current handler alone; the workflow checks again when the command arrives.
"""
from __future__ import annotations

import re

from eiso_contracts.errors import AlreadyProcessed, InvalidInput, NotFound, PayloadTooLarge
from eiso_contracts.rpc.workflow import TAB_LABELS, ActCommand, DossierView, StepView
from eiso_kit.rpc import parse
from flask import Blueprint, flash, redirect, render_template, request, url_for

from . import directory
from .app import services
from .artefacts import ArtefactKind, kind_of
from .errors import problem_of
from .form_parts import (
    UPLOADED_FIELD, check_count, chosen_files, only_allowed, upload, uploaded_ids, uploaded_ticket,
)
from .formatting import add_working_days, today
from .identity import current_user, login_required
from .panels import UNAVAILABLE, optional
from .transfer import ReturnChoice, TransferInput, action_choices, build_command, last_doer, latest_content

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")

TABS = ("following", "todo", "done", "completed")
PAGE_SIZE = 20
MAX_PAGE = 10_000  # InboxQuery.page's bound
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONFLICT_MESSAGE = ("Hồ sơ đã được xử lý bởi người khác hoặc đã thay đổi kể từ khi bạn mở biểu mẫu. "
                    "Nội dung bạn đã nhập vẫn được giữ bên dưới; hãy tải lại hồ sơ để xử lý tiếp.")

# Legend of the step timeline: (css class, label), as on the manual's screenshot.
LEGEND = (
    ("done-late", "Đã xử lý - Trễ hạn"),
    ("done-on_time", "Đã xử lý - Đúng hạn"),
    ("done-early", "Đã xử lý - Trước hạn"),
    ("todo-late", "Chưa xử lý - Trễ hạn"),
    ("todo-on_time", "Chưa xử lý - Đúng hạn"),
    ("todo-early", "Chưa xử lý - Trước hạn"),
    ("none", "Chưa/Không đi qua"),
)
LEGEND_LABELS = dict(LEGEND)


def step_class(step: StepView | None) -> str:
    """``done-late`` ... ``none``: the colour of a step (or of a dossier's current step)."""
    if step is None or step.state == "not_reached" or step.timing == "not_reached":
        return "none"
    return f"{'done' if step.state == 'done' else 'todo'}-{step.timing}"


@bp.app_template_global()
def step_css(step):
    return step_class(step)


@bp.app_template_global()
def step_legend_label(step):
    return LEGEND_LABELS[step_class(step)]


# -- Kiểm soát hoạt động ISO ----------------------------------------------------------------
def creatable_types(user) -> list[tuple[object, str | None]]:
    """"Tạo hồ sơ": the dossier types whose step 1 this person's roles may do, with their create page."""
    definitions, _down = optional(lambda: services().workflow.list_definitions())
    result = []
    for definition in definitions or []:
        first = min(definition.steps, key=lambda s: s.number, default=None)
        if first is None or not user.has_role(first.role):
            continue
        kind = kind_of(definition.artefact_service, definition.artefact_kind)
        endpoint = kind.create_endpoint if kind else None
        result.append((definition, url_for(endpoint) if endpoint else None))
    return result


@bp.get("/")
@login_required
def inbox():
    user = current_user()
    tab = request.args.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    try:
        page = min(MAX_PAGE, max(1, int(request.args.get("page", "1"))))
    except ValueError:  # not a number, or too many digits to read
        page = 1
    search = CONTROL.sub("", request.args.get("q", "")).strip()[:100]
    result = services().workflow.inbox(user.actor, tab=tab, page=page, page_size=PAGE_SIZE, search=search)
    handlers = directory.people([d.current_step.handler_id for d in result.items
                                 if d.current_step and d.current_step.handler_id])
    pages = max(1, -(-result.total // result.page_size))
    return render_template("dossiers/inbox.html", result=result, tab=tab, tabs=TABS, tab_labels=TAB_LABELS,
                           search=search, handlers=handlers, page=result.page, pages=pages,
                           creatable=creatable_types(user))


# -- Thông tin hồ sơ ------------------------------------------------------------------------
def load_preview(dossier: DossierView, kind: ArtefactKind | None):
    """The owner's view of the artefact, or None; a missing artefact must not hide the dossier."""
    if kind is None:
        return None
    try:
        return kind.load(dossier.artefact.id)
    except NotFound:
        return None


@bp.get("/<code>")
@login_required
def show(code: str):
    user = current_user()
    dossier = services().workflow.get_dossier(code, user.actor)
    kind = kind_of(dossier.artefact.service, dossier.artefact.kind)
    preview, preview_down = optional(lambda: load_preview(dossier, kind))
    people_ids = [s.handler_id for s in dossier.steps] + [h.actor_id for h in dossier.history] + [dossier.opened_by]
    file_ids = [a for s in dossier.steps for a in s.attachments] + [a for h in dossier.history for a in h.attachments]
    return render_template(
        "dossiers/show.html", dossier=dossier, kind=kind, preview=preview, preview_down=preview_down,
        departments=directory.departments(dossier.unit_code), people=directory.people(people_ids),
        files=directory.files(file_ids, dossier.unit_code), legend=LEGEND,
        history=sorted(dossier.history, key=lambda h: h.at),
    )


# -- Xử lý ----------------------------------------------------------------------------------
def _current_content(dossier: DossierView, kind: ArtefactKind | None) -> dict | None:
    if kind is None or not dossier.form or not dossier.form.edits_content or not kind.editor_template:
        return None
    content = latest_content(dossier)
    if content is None:
        artefact = load_preview(dossier, kind)
        content = kind.current_content(artefact) if artefact is not None else None
    return content


def _return_choice(dossier: DossierView) -> ReturnChoice | None:
    """The "Bổ sung" block, when this step may return the dossier."""
    form = dossier.form
    if form is None or form.return_step is None or "return" not in form.actions:
        return None
    step = form.return_step
    default_id = last_doer(dossier, step.number)
    return ReturnChoice(step=step, default_id=default_id,
                        default_person=directory.people([default_id]).get(default_id) if default_id else None,
                        default_deadline=add_working_days(today(), step.deadline_days),
                        candidates=directory.candidates(dossier.unit_code, step.role))


def _uploads_scope(code: str) -> str:
    return f"{current_user().id}:dossier:{code}"


def _render_process(dossier: DossierView, kind, data: TransferInput, *, error: str | None = None,
                    conflict: bool = False, status: int = 200):
    form = dossier.form
    next_step = form.next_step if form else None
    back = _return_choice(dossier)
    candidates = directory.candidates(dossier.unit_code, next_step.role) if next_step else []
    kept = directory.files(data.keep_attachments, dossier.unit_code)
    return render_template(
        "dossiers/process.html", dossier=dossier, form=form, kind=kind, data=data,
        choices=action_choices(form) if form else [], next_step=next_step, back=back,
        departments=list(directory.departments(dossier.unit_code).values()) if (next_step or back) else [],
        candidates=candidates, kept_files=kept, error=error, conflict=conflict,
        uploaded_ticket=uploaded_ticket(_uploads_scope(dossier.code), data.uploaded),
        editor=kind.editor_template if (kind and form and form.edits_content) else None,
    ), status


@bp.route("/<code>/process", methods=("GET", "POST"))
@login_required
def process(code: str):
    user = current_user()
    dossier = services().workflow.get_dossier(code, user.actor)
    kind = kind_of(dossier.artefact.service, dossier.artefact.kind)

    if request.method == "GET":
        if dossier.form is None:
            flash("Bạn không phải người xử lý bước hiện tại của hồ sơ này.", "warning")
            return redirect(url_for("dossiers.show", code=code))
        data = TransferInput.prefill(dossier, kind, _current_content(dossier, kind), _return_choice(dossier))
        return _render_process(dossier, kind, data)

    editor_fields = tuple(kind.fields_of({}).keys()) if (kind and kind.editor_template) else ()
    data = TransferInput.from_form(request.form, editor_fields)
    # Attachments: what the draft already holds and what this person uploaded on this form, nothing else.
    data.uploaded = uploaded_ids(request.form.get(UPLOADED_FIELD), _uploads_scope(dossier.code))
    allowed = set(data.uploaded)
    if dossier.form is not None:
        allowed.update(dossier.form.draft.attachments)
        allowed.update(dossier.current_step.attachments if dossier.current_step else ())
    data.keep_attachments = only_allowed(data.keep_attachments, allowed)
    if dossier.form is None:
        # Someone acted since the form was opened (or the person is no longer the handler).
        return _render_process(dossier, kind, data, error=CONFLICT_MESSAGE, conflict=True, status=409)

    original = _current_content(dossier, kind)
    next_step = dossier.form.next_step
    back = _return_choice(dossier)
    try:
        new_files = chosen_files(request.files)
        check_count(data.keep_attachments, new_files)
        candidates = directory.candidates(dossier.unit_code, next_step.role) if next_step else []
        # Check everything (the form's rules, then the contract's) before uploading anything.
        command = build_command(dossier, data, kind, original, candidates, [], back)
        parse(ActCommand, {**command, "actor": user.actor.model_dump(mode="json")})
        stored = upload(new_files, user)
        # Keep the stored files on a re-render: the person never uploads twice.
        data.uploaded = list(dict.fromkeys(data.uploaded + [f.id for f in stored]))
        data.keep_attachments = list(dict.fromkeys(data.keep_attachments + [f.id for f in stored]))
        command = build_command(dossier, data, kind, original, candidates, [], back)
        command["actor"] = user.actor.model_dump(mode="json")
        services().workflow.act(command)
    except AlreadyProcessed:
        return _render_process(dossier, kind, data, error=CONFLICT_MESSAGE, conflict=True, status=409)
    except (InvalidInput, PayloadTooLarge, *UNAVAILABLE) as exc:
        # Keep the form: after a timeout, sending again is safe (expected_version guards it).
        problem = problem_of(exc)
        return _render_process(dossier, kind, data, error=problem.message, status=problem.status)

    messages = {
        "save": "Đã lưu thông tin hồ sơ (chưa chuyển).",
        "approve": "Đã chuyển hồ sơ.",
        "reject": "Đã chuyển hồ sơ: Không duyệt.",
        "return": "Đã trả hồ sơ để bổ sung.",
    }
    flash(messages[data.action], "success")
    if data.action == "save":
        return redirect(url_for("dossiers.show", code=code))
    return redirect(url_for("dossiers.inbox", tab="done"))

