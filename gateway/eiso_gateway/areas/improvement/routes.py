"""Cải tiến liên tục: "Đề xuất hoạt động cải tiến liên tục" (anyone), the list with Phê duyệt / Không duyệt
(the leader; refusal takes a reason). Approval opens the improvement dossier in Kiểm soát hoạt động ISO."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import AlreadyProcessed, Conflict, Forbidden, InvalidInput
from eiso_contracts.rpc.quality_improvement import ProposeImprovement, RefuseImprovement
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...errors import problem_of
from ...flow.submission import read_request_id
from ...i18n import N_
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FormErrors
from ...pages.panels import UNAVAILABLE
from ...pages.validation import validated
from ...resources import services

bp = Blueprint("improvement", __name__, url_prefix="/improvements", template_folder="templates")

REFUSALS = (InvalidInput, Conflict, Forbidden, AlreadyProcessed, *UNAVAILABLE)
FIELDS = ("title", "current_situation", "proposal", "expected_benefit", "department_id")
PROPOSED = N_("Đã gửi đề xuất cải tiến; đề xuất chờ Lãnh đạo phê duyệt.")
APPROVED = N_("Đã phê duyệt đề xuất cải tiến. Hồ sơ cải tiến đang được mở trong Kiểm soát hoạt động ISO.")
REFUSED = N_("Đã ghi nhận: không duyệt đề xuất cải tiến.")


@bp.get("/", endpoint="list")
@login_required
def proposals():
    user = current_user()
    items = services().quality.list_improvements(user.actor)
    return render_template("improvement/list.html", items=items, departments=directory.departments(user.unit_code),
                           people=directory.people([i.proposed_by for i in items]),
                           can_decide=user.has_role("leader"))


@bp.route("/new", methods=("GET", "POST"))
@login_required
def new():
    user = current_user()
    errors, status = FormErrors(), 200
    if request.method == "GET":
        data = {name: "" for name in FIELDS}
        data.update(department_id=user.department_id or "", request_id=str(uuid.uuid4()))
    else:
        data = {name: request.form.get(name, "") for name in FIELDS}
        data["request_id"] = read_request_id(request.form)
        try:
            validated(ProposeImprovement, {"actor": user.actor.model_dump(mode="json"), **data})
            services().quality.propose_improvement(user.actor, **data)
        except REFUSALS as exc:
            problem = problem_of(exc)
            errors, status = FormErrors.of(exc, problem.message), problem.status
        else:
            flash(PROPOSED, "success")
            return redirect(url_for("improvement.list"))
    return render_template("improvement/new.html", data=data, errors=errors,
                           departments=directory.departments(user.unit_code)), status


def _show(improvement_id: str, errors: FormErrors | None = None, status: int = 200):
    user = current_user()
    item = services().quality.get_improvement(user.actor, improvement_id)
    return render_template("improvement/show.html", item=item, departments=directory.departments(user.unit_code),
                           people=directory.people([item.proposed_by, item.decided_by]),
                           can_decide=user.has_role("leader") and item.status == "proposed",
                           errors=errors or FormErrors(), reason=request.form.get("reason", "")), status


@bp.get("/<improvement_id>")
@login_required
def show(improvement_id: str):
    return _show(improvement_id)


@bp.post("/<improvement_id>/approve")
@login_required
def approve(improvement_id: str):
    try:
        services().quality.approve_improvement(current_user().actor, improvement_id)
    except (AlreadyProcessed, Forbidden, InvalidInput) as exc:
        flash(exc.message, "warning")
    else:
        flash(APPROVED, "success")
    return redirect(url_for("improvement.list"))


@bp.post("/<improvement_id>/refuse")
@login_required
def refuse(improvement_id: str):
    user = current_user()
    reason = request.form.get("reason", "")
    try:
        validated(RefuseImprovement, {"actor": user.actor.model_dump(mode="json"), "improvement_id": improvement_id,
                                      "reason": reason})
        services().quality.refuse_improvement(user.actor, improvement_id, reason)
    except REFUSALS as exc:
        problem = problem_of(exc)
        return _show(improvement_id, FormErrors.of(exc, problem.message), problem.status)
    flash(REFUSED, "success")
    return redirect(url_for("improvement.list"))
