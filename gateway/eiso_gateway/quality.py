"""Chính sách chất lượng: the unit's policies and "Lập chính sách chất lượng" (dossier type 1).

The secretary drafts the policy and routes it to step 2 in one form. The
quality service stores the draft and asks the workflow, by event, to open the
dossier; so the dossier appears in the inbox a moment later, and the
confirmation page says so instead of pretending it is already there. A hidden
``request_id`` makes a double submission (double click, retry after a
timeout) create one policy only.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, PayloadTooLarge
from eiso_contracts.rpc.quality import PolicyView, SubmitPolicy
from eiso_kit.rpc import parse
from flask import Blueprint, redirect, render_template, request, url_for

from . import directory
from .app import services
from .artefacts import policy_content
from .errors import problem_of
from .form_parts import (
    UPLOADED_FIELD, NextStepInput, check_count, chosen_files, only_allowed, upload, uploaded_ids, uploaded_ticket,
)
from .formatting import add_working_days, today
from .identity import current_user, login_required
from .panels import UNAVAILABLE, optional

bp = Blueprint("quality", __name__, url_prefix="/quality")

POLICY_TYPE = "1"  # dossier type "Lập chính sách chất lượng"


def _own_policy(policy_id: str) -> PolicyView:
    """``get_policy`` takes no actor, so the unit check is ours."""
    policy = services().quality.get_policy(policy_id)
    if policy.unit_code != current_user().unit_code:
        raise Forbidden("Chính sách chất lượng này thuộc đơn vị khác.")
    return policy


def _steps():
    """(step 1, step 2) of the policy dossier type, as the workflow defines them."""
    definition = services().workflow.get_definition(POLICY_TYPE)
    steps = sorted(definition.steps, key=lambda s: s.number)
    if len(steps) < 2:
        raise Forbidden("Loại hồ sơ chính sách chất lượng chưa được cấu hình đầy đủ.")
    return definition, steps[0], steps[1]


@bp.get("/policies")
@login_required
def policies():
    user = current_user()
    items = sorted(services().quality.list_policies(user.unit_code),
                   key=lambda p: (p.content.year, p.submitted_at), reverse=True)
    found, _down = optional(_steps)
    can_draft = bool(found) and user.has_role(found[1].role)
    return render_template("quality/policies.html", policies=items, can_draft=can_draft)


@bp.get("/policies/<policy_id>")
@login_required
def policy(policy_id: str):
    item = _own_policy(policy_id)
    people = directory.people([item.submitted_by, item.approved_by, item.issued_by]
                              + [r.revised_by for r in item.revisions])
    return render_template("quality/policy.html", policy=item, people=people)


@bp.get("/policies/<policy_id>/submitted")
@login_required
def submitted(policy_id: str):
    return render_template("quality/submitted.html", policy=_own_policy(policy_id))


@dataclass
class DraftInput:
    """The "Lập chính sách chất lượng" form as typed."""

    request_id: str
    content_fields: dict[str, str]
    comment: str = ""
    next: NextStepInput = field(default_factory=NextStepInput)
    keep_attachments: list[str] = field(default_factory=list)
    uploaded: list[str] = field(default_factory=list)   # uploaded on earlier tries of this form

    @classmethod
    def from_form(cls, form) -> "DraftInput":
        request_id = form.get("request_id", "").strip()
        try:
            request_id = str(uuid.UUID(request_id))
        except ValueError:
            request_id = str(uuid.uuid4())
        return cls(
            request_id=request_id,
            content_fields={name: form.get(f"content_{name}", "") for name in ("year", "motto", "statements")},
            comment=form.get("comment", ""),
            next=NextStepInput.from_form(form),
            keep_attachments=[a for a in form.getlist("keep_attachments") if a],
        )


def _uploads_scope() -> str:
    return f"{current_user().id}:quality.policy:new"


def _render_new(definition, step1, step2, data: DraftInput, error: str | None = None, status: int = 200):
    user = current_user()
    return render_template(
        "quality/new_policy.html", definition=definition, step1=step1, next_step=step2, data=data,
        departments=list(directory.departments(user.unit_code).values()),
        candidates=directory.candidates(user.unit_code, step2.role),
        kept_files=directory.files(data.keep_attachments, user.unit_code), error=error,
        uploaded_ticket=uploaded_ticket(_uploads_scope(), data.uploaded),
    ), status


@bp.route("/policies/new", methods=("GET", "POST"))
@login_required
def new_policy():
    user = current_user()
    definition, step1, step2 = _steps()
    if not user.has_role(step1.role):
        raise Forbidden("Chỉ Thư ký ISO được lập chính sách chất lượng.")

    if request.method == "GET":
        data = DraftInput(
            request_id=str(uuid.uuid4()),
            content_fields={"year": str(today().year), "motto": "", "statements": ""},
            next=NextStepInput(deadline=add_working_days(today(), step2.deadline_days).isoformat()),
        )
        return _render_new(definition, step1, step2, data)

    data = DraftInput.from_form(request.form)
    # A new policy has no attachment yet: only the files this person uploaded on this form may be kept.
    data.uploaded = uploaded_ids(request.form.get(UPLOADED_FIELD), _uploads_scope())
    data.keep_attachments = only_allowed(data.keep_attachments, data.uploaded)
    try:
        content = policy_content(data.content_fields)
        route = data.next.assignment(directory.candidates(user.unit_code, step2.role), required=True)
        new_files = chosen_files(request.files)
        check_count(data.keep_attachments, new_files)
        command = {
            "actor": user.actor.model_dump(mode="json"),
            "content": content,
            "route": route,
            "comment": data.comment.strip(),
            "attachments": data.keep_attachments,
        }
        parse(SubmitPolicy, command)  # the contract's checks before uploading anything
        stored = upload(new_files, user)
        data.uploaded = list(dict.fromkeys(data.uploaded + [f.id for f in stored]))
        data.keep_attachments = list(dict.fromkeys(data.keep_attachments + [f.id for f in stored]))
        command["attachments"] = data.keep_attachments
        created = services().quality.submit_policy(command, request_id=data.request_id)
    except (InvalidInput, Conflict, PayloadTooLarge, *UNAVAILABLE) as exc:
        # Keep the form: after a timeout, sending again is safe (the request_id makes it idempotent).
        problem = problem_of(exc)
        return _render_new(definition, step1, step2, data, error=problem.message, status=problem.status)
    return redirect(url_for("quality.submitted", policy_id=created.id))
