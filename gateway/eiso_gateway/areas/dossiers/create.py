""""Tạo hồ sơ" of any artefact: step 1's form (its content, "Tập tin", "Bước xử lý tiếp theo").

An area mounts it on its own address with ``create_view(artefact)``. The
owner stores the new artefact and asks the workflow, by event, to open the
dossier; so the dossier appears in the inbox a moment later. The hidden
``request_id`` makes a double submission (double click, retry after a
timeout) create one artefact only.
"""
from __future__ import annotations

from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, PayloadTooLarge
from eiso_contracts.rpc.common import ROLES
from flask import redirect, render_template, request

from ...errors import problem_of
from ...flow.artefacts import Artefact
from ...flow.routing import NextStepInput
from ...flow.submission import DossierForm, read_request_id, send_with_files
from ...flow.uploads import UPLOADED_FIELD, chosen_files, only_allowed, uploaded_ids, uploaded_ticket
from ...formatting import add_working_days, today
from ...i18n import translate as _
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FormErrors
from ...pages.panels import UNAVAILABLE
from ...resources import services


def first_steps(type_code: str):
    """(definition, step 1, step 2) of a dossier type, as the workflow defines it."""
    definition = services().workflow.get_definition(type_code)
    steps = sorted(definition.steps, key=lambda s: s.number)
    if len(steps) < 2:
        raise Forbidden(_("Loại hồ sơ {name} chưa được cấu hình đầy đủ.", name=_(definition.name)))
    return definition, steps[0], steps[1]


def _read(form, artefact: Artefact) -> DossierForm:
    return DossierForm(request_id=read_request_id(form), comment=form.get("comment", ""),
                       next=NextStepInput.from_form(form),
                       keep_attachments=[a for a in form.getlist("keep_attachments") if a],
                       content_fields=artefact.form.read(form))


def create_view(artefact: Artefact):
    """The view of ``artefact``'s "Tạo hồ sơ" page (GET shows it, POST submits it)."""

    def scope() -> str:
        return f"{current_user().id}:{artefact.service}.{artefact.kind}:new"

    def render(definition, first, second, data: DossierForm, errors: FormErrors | None = None, status: int = 200):
        user = current_user()
        return render_template(
            "dossiers/create.html", artefact=artefact, definition=definition, step1=first, next_step=second,
            data=data, departments=list(directory.departments(user.unit_code).values()),
            candidates=directory.candidates(user.unit_code, second.role),
            kept_files=directory.files(data.keep_attachments, user.actor), errors=errors or FormErrors(),
            uploaded_ticket=uploaded_ticket(scope(), data.uploaded),
            extra=artefact.form_context(services(), user.actor),
        ), status

    @login_required
    def view():
        user = current_user()
        definition, first, second = first_steps(artefact.type_code)
        if not user.has_role(first.role):
            raise Forbidden(_("Chỉ {role} được tạo hồ sơ {name}.", role=_(ROLES.get(first.role, first.role)),
                              name=_(definition.name)))

        if request.method == "GET":
            started = artefact.start_from(services(), user.actor, request.args) if artefact.start_from else None
            data = DossierForm(
                content_fields=artefact.content_fields(started or artefact.blank(today())),
                next=NextStepInput(deadline=add_working_days(today(), second.deadline_days).isoformat()),
            )
            return render(definition, first, second, data)

        data = _read(request.form, artefact)
        # A new artefact has no attachment yet: only the files this person uploaded on this form may be kept.
        data.uploaded = uploaded_ids(request.form.get(UPLOADED_FIELD), scope())
        data.keep_attachments = only_allowed(data.keep_attachments, data.uploaded)
        actor = user.actor.model_dump(mode="json")

        def command() -> dict:
            return {"actor": actor, "content": artefact.form.content_of(data.content_fields),
                    "route": data.next.assignment(directory.candidates(user.unit_code, second.role), required=True),
                    "comment": data.comment.strip(), "attachments": data.keep_attachments}

        try:
            created = send_with_files(data, chosen_files(request.files), user, command, artefact.submit_model,
                                      lambda cmd: artefact.submit(services(), cmd, data.request_id),
                                      checked=artefact.checked_uploads)
        except (InvalidInput, Conflict, PayloadTooLarge, *UNAVAILABLE) as exc:
            # Keep the form: after a timeout, sending again is safe (the request_id makes it idempotent).
            problem = problem_of(exc)
            return render(definition, first, second, data, FormErrors.of(exc, problem.message), problem.status)
        return redirect(artefact.created_url(created))

    return view
