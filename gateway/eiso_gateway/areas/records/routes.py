"""Lưu trữ hồ sơ (the archive and its form), Mượn trả hồ sơ (loans), Hủy hồ sơ (destruction lists).

Archiving and lending are plain commands of the documents service; a destruction list is a dossier (type 12,
``destruction.DESTRUCTION``) whose "Tạo hồ sơ" page is the generic one and whose approval is the leader's
"Duyệt" on the dossier's "Xử lý" page. Who may do what is the documents service's decision.
"""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, PayloadTooLarge
from eiso_contracts.rpc.documents import LOAN_STATUSES, RECORD_STATES, RECORD_TYPES
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...errors import problem_of
from ...flow.uploads import chosen_files, upload
from ...formatting import fmt_date, today
from ...i18n import N_
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FormErrors
from ...pages.panels import UNAVAILABLE, optional
from ...resources import services
from ..dossiers.create import create_view
from .destruction import DESTRUCTION
from .forms import ArchiveInput, LoanInput

bp = Blueprint("records", __name__, url_prefix="/records", template_folder="templates")
bp.add_url_rule("/destruction/new", "new_destruction", create_view(DESTRUCTION), methods=("GET", "POST"))
REFUSALS = (InvalidInput, Conflict, Forbidden, PayloadTooLarge, *UNAVAILABLE)
LOAN_APPROVED = N_("Đã duyệt cho mượn hồ sơ.")
LOAN_REFUSED = N_("Đã từ chối yêu cầu mượn hồ sơ.")


def _choice(name: str, allowed) -> str | None:
    value = request.args.get(name, "").strip()
    return value if value in allowed else None


# -- Lưu trữ hồ sơ ---------------------------------------------------------------------------------
@bp.get("/")
@login_required
def index():
    user = current_user()
    departments = directory.departments(user.unit_code)
    filters = {"record_type": _choice("record_type", RECORD_TYPES),
               "department_id": _choice("department_id", departments), "state": _choice("state", RECORD_STATES)}
    rows = services().documents.list_records(user.actor, **filters)
    return render_template("records/index.html", rows=rows, filters=filters, departments=departments,
                           record_types=RECORD_TYPES, states=RECORD_STATES,
                           can_archive=user.has_role("secretary", "dept_head"))


def _render_new(data: ArchiveInput, errors: FormErrors | None = None, status: int = 200):
    user = current_user()
    completed, _down = optional(lambda: services().workflow.inbox(user.actor, tab="completed", page_size=100))
    return render_template("records/new.html", data=data, errors=errors or FormErrors(),
                           departments=list(directory.departments(user.unit_code).values()),
                           record_types=RECORD_TYPES, completed=completed.items if completed else []), status


@bp.route("/new", methods=("GET", "POST"))
@login_required
def new():
    user = current_user()
    if request.method == "GET":
        return _render_new(ArchiveInput(department_id=user.department_id or "", request_id=str(uuid.uuid4()),
                                        dossier_code=request.args.get("dossier", "")))
    data = ArchiveInput.from_form(request.form)
    try:
        actor = user.actor.model_dump(mode="json")
        data.command(actor, [])  # every check of the form before a byte is uploaded
        stored = upload(chosen_files(request.files), user, checked=True)
        record = services().documents.archive_record(data.command(actor, [f.id for f in stored]))
    except REFUSALS as exc:
        problem = problem_of(exc)
        return _render_new(data, FormErrors.of(exc, problem.message), problem.status)
    flash("Đã lưu trữ hồ sơ.", "success")
    return redirect(url_for("records.record", record_id=record.id))


@bp.get("/<record_id>")
@login_required
def record(record_id: str):
    user = current_user()
    found = services().documents.get_record(user.actor, record_id)
    loans = services().documents.list_loans(user.actor, record_id=record_id)
    return render_template("records/record.html", record=found, loans=loans,
                           files=directory.files(found.files, user.actor),
                           departments=directory.departments(user.unit_code),
                           people=directory.people([found.archived_by] + [loan.borrower_id for loan in loans]))


# -- Mượn trả hồ sơ ----------------------------------------------------------------------------------
def _render_loans(data: LoanInput, errors: FormErrors | None = None, status: int = 200):
    user = current_user()
    loans = services().documents.list_loans(user.actor)
    lendable = [r for r in services().documents.list_records(user.actor) if r.state == "archived"]
    return render_template(
        "records/loans.html", loans=loans, overdue=[loan for loan in loans if loan.overdue], data=data,
        errors=errors or FormErrors(), lendable=lendable, statuses=LOAN_STATUSES,
        departments=directory.departments(user.unit_code),
        people=directory.people([loan.borrower_id for loan in loans] + [loan.decided_by for loan in loans]),
    ), status


@bp.route("/loans", methods=("GET", "POST"))
@login_required
def loans():
    user = current_user()
    if request.method == "GET":
        return _render_loans(LoanInput(record_id=request.args.get("record", ""), borrowed_on=fmt_date(today()),
                                       request_id=str(uuid.uuid4())))
    data = LoanInput.from_form(request.form)
    try:
        services().documents.request_loan(data.command(user.actor.model_dump(mode="json")))
    except REFUSALS as exc:
        problem = problem_of(exc)
        return _render_loans(data, FormErrors.of(exc, problem.message), problem.status)
    flash("Đã đăng ký mượn hồ sơ; chờ Trưởng phòng duyệt.", "success")
    return redirect(url_for("records.loans"))


@bp.post("/loans/<loan_id>/decide")
@login_required
def decide_loan(loan_id: str):
    approve = request.form.get("decision") == "approve"
    services().documents.decide_loan(current_user().actor, loan_id, approve, request.form.get("comment", "")[:1000])
    flash(LOAN_APPROVED if approve else LOAN_REFUSED, "success")
    return redirect(url_for("records.loans"))


@bp.post("/loans/<loan_id>/return")
@login_required
def return_loan(loan_id: str):
    services().documents.return_loan(current_user().actor, loan_id)
    flash("Đã ghi nhận trả hồ sơ.", "success")
    return redirect(url_for("records.loans"))


# -- Hủy hồ sơ --------------------------------------------------------------------------------------
@bp.get("/destruction")
@login_required
def destruction():
    user = current_user()
    due = services().documents.list_records(user.actor, due_for_destruction=True)
    lists = services().documents.list_destructions(user.actor)
    return render_template("records/destruction.html", due=due, lists=lists,
                           can_propose=user.has_role("secretary"), can_approve=user.has_role("leader"),
                           people=directory.people([d.proposed_by for d in lists] + [d.approved_by for d in lists]),
                           files=directory.files([d.minutes_file_id for d in lists if d.minutes_file_id],
                                                 user.actor),
                           proposed=request.args.get("proposed") == "1")
