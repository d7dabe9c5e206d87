"""Đánh giá nội bộ → Chương trình đánh giá: the year's grid, the secretary's edit, the leader's Phê duyệt.

Every rule (who drafts, who approves, which revision) is the audit service's; the page shows what it
answers and sends what people chose.
"""
from __future__ import annotations

from eiso_contracts.errors import AlreadyProcessed, Conflict, Forbidden, InvalidInput
from eiso_contracts.rpc.audit import MONTHS
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...formatting import today
from ...i18n import N_
from ...i18n import translate as _
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FormErrors
from ...resources import services
from . import grid

bp = Blueprint("audit", __name__, url_prefix="/audit", template_folder="templates")

APPROVED_MESSAGE = N_("Đã phê duyệt chương trình đánh giá năm {year}.")
SAVED_MESSAGE = N_("Đã lưu chương trình đánh giá năm {year}; chương trình chờ Lãnh đạo phê duyệt.")


def chosen_year() -> int:
    try:
        year = int(request.values.get("year", ""))
    except ValueError:
        return today().year
    return year if 2000 <= year <= 2100 else today().year


@bp.get("/programme")
@login_required
def programme():
    user, year = current_user(), chosen_year()
    found = services().audit.get_programme(user.actor, year)
    departments = directory.departments(user.unit_code)
    approved, pending = (found.approved, found.pending) if found else (None, None)
    return render_template(
        "audit/programme.html", year=year, programme=found, months=MONTHS, departments=departments,
        approved_rows=grid.rows(approved, departments, found.progress if found else ()),
        approved_months=grid.by_month(approved, departments),
        pending_rows=grid.rows(pending, departments), pending_months=grid.by_month(pending, departments),
        people=directory.people([r.drafted_by for r in (approved, pending) if r]
                                + [r.approved_by for r in (approved, pending) if r and r.approved_by]),
        can_edit=user.has_role("secretary"), can_approve=user.has_role("leader") and pending is not None)


@bp.route("/programme/edit", methods=("GET", "POST"))
@login_required
def edit_programme():
    user, year = current_user(), chosen_year()
    if not user.has_role("secretary"):   # the service refuses anyone else too; this spares them the form
        raise Forbidden(_("Chỉ Thư ký ISO được lập chương trình đánh giá nội bộ."))
    departments = directory.departments(user.unit_code)
    errors = FormErrors()
    if request.method == "POST":
        entries = grid.cells_of(request.form)
        note = request.form.get("note", "").strip()
        try:
            if not entries:
                raise InvalidInput("Chương trình đánh giá cần ít nhất một phòng ban trong một tháng.")
            services().audit.draft_programme(user.actor, year, entries, note)
        except (InvalidInput, Conflict) as exc:
            errors = FormErrors.of(exc)
            chosen = {(e["month"], e["department_id"]) for e in entries}
        else:
            flash(_(SAVED_MESSAGE, year=year), "success")
            return redirect(url_for("audit.programme", year=year))
    else:
        found = services().audit.get_programme(user.actor, year)
        base = (found.pending or found.approved) if found else None
        chosen = {(e.month, e.department_id) for e in base.entries} if base else set()
        note = base.note if base else ""
    return render_template("audit/programme_edit.html", year=year, months=MONTHS, departments=departments,
                           chosen=chosen, note=note, errors=errors), 422 if errors else 200


@bp.post("/programme/approve")
@login_required
def approve_programme():
    user, year = current_user(), chosen_year()
    try:
        revision = int(request.form.get("revision", ""))
    except ValueError:
        revision = 0
    try:
        services().audit.approve_programme(user.actor, year, max(revision, 1))
    except AlreadyProcessed as exc:
        flash(exc.message, "warning")
    else:
        flash(_(APPROVED_MESSAGE, year=year), "success")
    return redirect(url_for("audit.programme", year=year))

