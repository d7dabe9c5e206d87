"""Đánh giá nội bộ → Kế hoạch đánh giá: audits of the year, a new plan, one audit (checklist, findings, report).

The audit service decides who may plan, answer, record and report (and refuses an auditor in their
own department); these pages only offer the forms to the people it would accept.
"""
from __future__ import annotations

import base64
import uuid

from eiso_contracts.errors import AlreadyProcessed, Conflict, Forbidden, InvalidInput, PayloadTooLarge
from eiso_contracts.rpc.audit import ANSWER_RESULTS, FINDING_KINDS, PlanAudit, RecordFinding
from flask import Response, flash, redirect, render_template, request, url_for

from ...errors import problem_of
from ...flow.submission import read_request_id
from ...flow.uploads import chosen_files, upload
from ...formatting import today
from ...i18n import N_
from ...i18n import translate as _
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.forms import FieldError, FormErrors, FormInvalid
from ...pages.panels import UNAVAILABLE
from ...pages.validation import validated
from ...resources import services
from .routes import bp, chosen_year

REFUSALS = (InvalidInput, Conflict, Forbidden, AlreadyProcessed, PayloadTooLarge, *UNAVAILABLE)
PLANNED = N_("Đã lập kế hoạch đánh giá.")
ANSWERED = N_("Đã lưu câu trả lời số {n}.")
RECORDED = N_("Đã ghi nhận phát hiện số {n}.")
REPORTED = N_("Đã lập báo cáo đánh giá; báo cáo được lưu cùng cuộc đánh giá.")


def checklist_of(text: str) -> list[dict]:
    """"Danh mục kiểm tra": one question per line, "điều khoản | câu hỏi"."""
    items = []
    for number, line in enumerate((l for l in text.splitlines() if l.strip()), start=1):
        clause, bar, question = line.partition("|")
        if not bar or not clause.strip() or not question.strip():
            raise FormInvalid([FieldError("checklist", _(
                "Danh mục kiểm tra (dòng {n}): cần dạng \"điều khoản | câu hỏi\", ví dụ \"7.5.3 | Hồ sơ có được lưu "
                "trữ đúng quy định?\"", n=number))])
        items.append({"clause": clause.strip(), "question": question.strip()})
    return items


@bp.get("/plans")
@login_required
def plans():
    user, year = current_user(), chosen_year()
    audits = services().audit.list_audits(user.actor, year)
    people = directory.people([a.lead_auditor_id for a in audits])
    return render_template("audit/plans.html", year=year, audits=audits, people=people,
                           departments=directory.departments(user.unit_code),
                           can_plan=user.has_role("secretary", "auditor"))


def _plan_form(form) -> dict:
    return {"audit_date": form.get("audit_date", ""), "department_ids": form.getlist("department_ids"),
            "scope": form.get("scope", ""), "criteria": form.get("criteria", ""),
            "lead_auditor_id": form.get("lead_auditor_id", ""), "team_ids": form.getlist("team_ids"),
            "checklist_text": form.get("checklist", ""), "request_id": read_request_id(form)}


@bp.route("/plans/new", methods=("GET", "POST"))
@login_required
def new_plan():
    user = current_user()
    errors, status = FormErrors(), 200
    if request.method == "GET":
        data = {"audit_date": today().isoformat(), "department_ids": [], "scope": "", "lead_auditor_id": "",
                "criteria": "TCVN ISO 9001:2015; các quy trình nội bộ của đơn vị", "team_ids": [],
                "checklist_text": "", "request_id": str(uuid.uuid4())}
    else:
        data = _plan_form(request.form)
        try:
            fields = {k: v for k, v in data.items() if k != "checklist_text"}
            fields["checklist"] = checklist_of(data["checklist_text"])
            validated(PlanAudit, {"actor": user.actor.model_dump(mode="json"), **fields})
            created = services().audit.plan_audit(user.actor, **fields)
        except REFUSALS as exc:
            problem = problem_of(exc)
            errors, status = FormErrors.of(exc, problem.message), problem.status
        else:
            flash(PLANNED, "success")
            return redirect(url_for("audit.plan", plan_id=created.id))
    return render_template("audit/plan_new.html", data=data, errors=errors,
                           departments=directory.departments(user.unit_code),
                           auditors=directory.candidates(user.unit_code, "auditor")), status


def _page(plan_id: str, errors: FormErrors | None = None, finding: dict | None = None, status: int = 200):
    user = current_user()
    audit = services().audit.get_audit(user.actor, plan_id)
    ids = [*audit.auditors, audit.planned_by, *[f.recorded_by for f in audit.findings],
           *[i.answered_by for i in audit.checklist if i.answered_by]]
    member = user.id in audit.auditors and audit.status == "planned"
    return render_template(
        "audit/plan.html", audit=audit, people=directory.people(ids), departments=directory.departments(audit.unit_code),
        files=directory.files([a for f in audit.findings for a in f.attachments], user.actor),
        member=member, lead=member and user.id == audit.lead_auditor_id, results=ANSWER_RESULTS, kinds=FINDING_KINDS,
        errors=errors or FormErrors(), finding=finding or {"request_id": str(uuid.uuid4())}), status


@bp.get("/plans/<plan_id>")
@login_required
def plan(plan_id: str):
    return _page(plan_id)


@bp.post("/plans/<plan_id>/checklist/<int:number>")
@login_required
def answer(plan_id: str, number: int):
    try:
        services().audit.answer_checklist(current_user().actor, plan_id, number, request.form.get("result", ""),
                                          request.form.get("answer", ""))
    except REFUSALS as exc:
        problem = problem_of(exc)
        return _page(plan_id, FormErrors.of(exc, problem.message), status=problem.status)
    flash(_(ANSWERED, n=number), "success")
    return redirect(url_for("audit.plan", plan_id=plan_id, _anchor=f"q{number}"))


@bp.post("/plans/<plan_id>/findings")
@login_required
def record_finding(plan_id: str):
    user = current_user()
    finding = {name: request.form.get(name, "") for name in ("kind", "clause", "department_id", "description",
                                                            "evidence")}
    finding["request_id"] = read_request_id(request.form)
    try:
        validated(RecordFinding, {"actor": user.actor.model_dump(mode="json"), "plan_id": plan_id, **finding})
        stored = upload(chosen_files(request.files), user)
        recorded = services().audit.record_finding(user.actor, plan_id=plan_id, attachments=[f.id for f in stored],
                                                   **finding)
    except REFUSALS as exc:
        problem = problem_of(exc)
        return _page(plan_id, FormErrors.of(exc, problem.message), finding, problem.status)
    flash(_(RECORDED, n=recorded.number), "success")
    return redirect(url_for("audit.plan", plan_id=plan_id, _anchor="findings"))


@bp.post("/plans/<plan_id>/report")
@login_required
def issue_report(plan_id: str):
    try:
        services().audit.issue_report(current_user().actor, plan_id, request.form.get("conclusion", "").strip())
    except REFUSALS as exc:
        problem = problem_of(exc)
        return _page(plan_id, FormErrors.of(exc, problem.message), status=problem.status)
    flash(REPORTED, "success")
    return redirect(url_for("audit.plan", plan_id=plan_id))


@bp.get("/plans/<plan_id>/report.docx")
@login_required
def report(plan_id: str):
    found = services().audit.get_report(current_user().actor, plan_id)
    body = base64.b64decode(found.content_base64)
    response = Response(body, mimetype=found.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    response.headers["X-Eiso-Sha256"] = found.sha256
    return response
