"""Xử lý: the "CHUYỂN HỒ SƠ" form of the current step, for every kind of artefact.

The form is only ever built from ``DossierView.form``, which the workflow
returns to the current handler alone; the workflow checks again when the
command arrives. The artefact's description adds its content fields when the
step edits content. Rules of the form: ``flow.transfer``; sending: ``flow.submission``.
"""
from __future__ import annotations

from eiso_contracts.errors import AlreadyProcessed, InvalidInput, PayloadTooLarge
from eiso_contracts.rpc.workflow import ActCommand, DossierView
from flask import flash, redirect, render_template, request, url_for

from ...errors import problem_of
from ...flow.artefacts import Artefact, find
from ...flow.submission import send_with_files
from ...flow.transfer import ReturnChoice, TransferInput, action_choices, build_command, last_doer, latest_content
from ...flow.uploads import UPLOADED_FIELD, chosen_files, only_allowed, uploaded_ids, uploaded_ticket
from ...formatting import add_working_days, today
from ...i18n import N_
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FormErrors
from ...pages.panels import UNAVAILABLE
from ...resources import services
from .routes import bp, load_preview

CONFLICT_MESSAGE = N_("Hồ sơ đã được xử lý bởi người khác hoặc đã thay đổi kể từ khi bạn mở biểu mẫu. "
                      "Nội dung bạn đã nhập vẫn được giữ bên dưới; hãy tải lại hồ sơ để xử lý tiếp.")
DONE_MESSAGES = {
    "save": N_("Đã lưu thông tin hồ sơ (chưa chuyển)."),
    "approve": N_("Đã chuyển hồ sơ."),
    "reject": N_("Đã chuyển hồ sơ: Không duyệt."),
    "return": N_("Đã trả hồ sơ để bổ sung."),
}


def _editing(dossier: DossierView, artefact: Artefact | None) -> Artefact | None:
    """The artefact whose content this step edits, if it does."""
    return artefact if (artefact is not None and dossier.form is not None and dossier.form.edits_content) else None


def _current_content(dossier: DossierView, artefact: Artefact | None) -> dict | None:
    if _editing(dossier, artefact) is None:
        return None
    content = latest_content(dossier)
    if content is None:
        found = load_preview(dossier, artefact)
        content = artefact.content_of(found) if found is not None else None
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


def _render(dossier: DossierView, artefact: Artefact | None, data: TransferInput, *,
            errors: FormErrors | None = None, conflict: bool = False, status: int = 200):
    form = dossier.form
    next_step = form.next_step if form else None
    back = _return_choice(dossier)
    return render_template(
        "dossiers/process.html", dossier=dossier, form=form, artefact=artefact,
        editing=_editing(dossier, artefact), data=data, choices=action_choices(form) if form else [],
        next_step=next_step, back=back,
        departments=list(directory.departments(dossier.unit_code).values()) if (next_step or back) else [],
        candidates=directory.candidates(dossier.unit_code, next_step.role) if next_step else [],
        kept_files=directory.files(data.keep_attachments, current_user().actor), errors=errors or FormErrors(),
        conflict=conflict, uploaded_ticket=uploaded_ticket(_uploads_scope(dossier.code), data.uploaded),
        extra=artefact.form_context(services(), current_user().actor) if _editing(dossier, artefact) else {},
    ), status


@bp.route("/<code>/process", methods=("GET", "POST"))
@login_required
def process(code: str):
    user = current_user()
    dossier = services().workflow.get_dossier(code, user.actor)
    artefact = find(dossier.artefact.service, dossier.artefact.kind)

    if request.method == "GET":
        if dossier.form is None:
            flash("Bạn không phải người xử lý bước hiện tại của hồ sơ này.", "warning")
            return redirect(url_for("dossiers.show", code=code))
        data = TransferInput.prefill(dossier, artefact, _current_content(dossier, artefact), _return_choice(dossier))
        return _render(dossier, artefact, data)

    data = TransferInput.from_form(request.form, _editing(dossier, artefact) or None)
    # Attachments: what the draft already holds and what this person uploaded on this form, nothing else.
    data.uploaded = uploaded_ids(request.form.get(UPLOADED_FIELD), _uploads_scope(dossier.code))
    allowed = set(data.uploaded)
    if dossier.form is not None:
        allowed.update(dossier.form.draft.attachments)
        allowed.update(dossier.current_step.attachments if dossier.current_step else ())
    data.keep_attachments = only_allowed(data.keep_attachments, allowed)
    if dossier.form is None:
        # Someone acted since the form was opened (or the person is no longer the handler).
        return _render(dossier, artefact, data, errors=FormErrors.message(CONFLICT_MESSAGE), conflict=True,
                       status=409)

    original = _current_content(dossier, artefact)
    next_step = dossier.form.next_step
    back = _return_choice(dossier)
    candidates = directory.candidates(dossier.unit_code, next_step.role) if next_step else []
    actor = user.actor.model_dump(mode="json")

    def command() -> dict:
        # The form's idempotency key: sending it again (a double click, a retry after a timeout) is safe.
        return {**build_command(dossier, data, _editing(dossier, artefact), original, candidates, back),
                "actor": actor, "request_id": data.request_id}

    try:
        send_with_files(data, chosen_files(request.files), user, command, ActCommand, services().workflow.act)
    except AlreadyProcessed:
        return _render(dossier, artefact, data, errors=FormErrors.message(CONFLICT_MESSAGE), conflict=True,
                       status=409)
    except (InvalidInput, PayloadTooLarge, *UNAVAILABLE) as exc:
        # Keep the form: after a timeout, sending again is safe (its request_id returns what was done).
        problem = problem_of(exc)
        return _render(dossier, artefact, data, errors=FormErrors.of(exc, problem.message), status=problem.status)

    flash(DONE_MESSAGES[data.action], "success")
    if data.action == "save":
        return redirect(url_for("dossiers.show", code=code))
    return redirect(url_for("dossiers.inbox", tab="done"))
