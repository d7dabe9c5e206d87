"""Điểm không phù hợp: the unit's nonconformities (overdue ones flagged "Quá hạn"), one of them, and
"Báo cáo điểm không phù hợp" for anyone. Its corrective action moves in Kiểm soát hoạt động ISO (type 10)."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, PayloadTooLarge
from eiso_contracts.rpc.quality_nonconformity import NONCONFORMITY_SOURCES, RaiseNonconformity
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...errors import problem_of
from ...flow.submission import read_request_id
from ...flow.uploads import chosen_files, upload
from ...i18n import N_
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FormErrors
from ...pages.panels import UNAVAILABLE
from ...pages.validation import validated
from ...resources import services

bp = Blueprint("nonconformity", __name__, url_prefix="/nonconformities", template_folder="templates")

REFUSALS = (InvalidInput, Conflict, Forbidden, PayloadTooLarge, *UNAVAILABLE)
FIELDS = ("source", "department_id", "clause", "description", "evidence")
RAISED = N_("Đã gửi báo cáo điểm không phù hợp; hồ sơ hành động khắc phục đang được mở cho Trưởng phòng.")
SOURCES = {k: v for k, v in NONCONFORMITY_SOURCES.items() if k != "audit"}   # audits raise theirs themselves


@bp.get("/", endpoint="list")
@login_required
def nonconformities():
    user = current_user()
    open_only = request.args.get("open") == "1"
    items = services().quality.list_nonconformities(user.actor, open_only=open_only)
    return render_template("nonconformity/list.html", items=items, open_only=open_only,
                           departments=directory.departments(user.unit_code))


@bp.route("/new", methods=("GET", "POST"))
@login_required
def new():
    user = current_user()
    errors, status = FormErrors(), 200
    if request.method == "GET":
        data = {name: "" for name in FIELDS}
        data.update(source="complaint", request_id=str(uuid.uuid4()))
    else:
        data = {name: request.form.get(name, "") for name in FIELDS}
        data["request_id"] = read_request_id(request.form)
        try:
            validated(RaiseNonconformity, {"actor": user.actor.model_dump(mode="json"), **data})
            stored = upload(chosen_files(request.files), user)
            created = services().quality.raise_nonconformity(user.actor, attachments=[f.id for f in stored], **data)
        except REFUSALS as exc:
            problem = problem_of(exc)
            errors, status = FormErrors.of(exc, problem.message), problem.status
        else:
            flash(RAISED, "success")
            return redirect(url_for("nonconformity.show", nonconformity_id=created.id))
    return render_template("nonconformity/new.html", data=data, errors=errors, sources=SOURCES,
                           departments=directory.departments(user.unit_code)), status


@bp.get("/<nonconformity_id>")
@login_required
def show(nonconformity_id: str):
    user = current_user()
    nc = services().quality.get_nonconformity(user.actor, nonconformity_id)
    return render_template("nonconformity/show.html", nc=nc, departments=directory.departments(user.unit_code),
                           people=directory.people([nc.raised_by, nc.approved_by, nc.verified_by]),
                           files=directory.files(nc.attachments, user.actor))
