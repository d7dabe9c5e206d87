"""Measurement per department: the head's objectives and results, and everyone's chart, table and Excel export.

The quality service decides who may do what (a department head measures only their own department; the
leader and the secretary see every department); these pages only offer what fits the person.
"""
from __future__ import annotations

from datetime import date

from eiso_contracts.errors import Forbidden, InvalidInput
from eiso_contracts.rpc.quality_objectives import PERIODS
from flask import Response, flash, redirect, render_template, request, url_for

from ...flow.content import decimal_text
from ...formatting import today
from ...i18n import current_language
from ...i18n import translate as _
from ...identity import current_user, login_required
from ...pages import directory
from ...resources import services
from . import chart, export, periods
from .routes import bp

HEADS_ONLY = "Trang này dành cho Trưởng phòng: đặt mục tiêu và nhập kết quả đo lường của phòng."


def _department_page(errors: dict | None = None, typed: dict | None = None, status: int = 200):
    user = current_user()
    if not user.has_role("dept_head") or not user.department_id:
        raise Forbidden(HEADS_ONLY)
    in_force = services().quality.get_objectives_in_force(user.actor)
    taken = services().quality.list_department_objectives(user.actor, user.department_id)
    report = services().quality.measurement_report(user.actor, user.department_id)
    results = {s.objective.id: s.points for s in report.series}
    return render_template(
        "objectives/department.html", in_force=in_force, taken={t.objective_no: t for t in taken},
        department_objectives=taken, results=results, periods=PERIODS,
        period_choices={t.id: periods.choices(t.period, t.year) for t in taken}, period_label=periods.label,
        errors=errors or {}, typed=typed or {}), status


@bp.get("/department")
@login_required
def department():
    return _department_page()


@bp.post("/department")
@login_required
def set_department_objectives():
    """"Lưu mục tiêu của phòng": the chosen objectives of the unit, each with the department's target and period."""
    user = current_user()
    chosen, errors = [], {}
    for value in request.form.getlist("objective_no"):
        if not value.isdigit():
            continue
        number = int(value)
        target = decimal_text(request.form.get(f"target-{number}", ""))
        period = request.form.get(f"period-{number}", "")
        chosen.append({"objective_no": number, "target": target, "period": period})
    try:
        services().quality.set_department_objectives(user.actor, user.department_id or "", chosen)
    except InvalidInput as exc:
        errors["objectives"] = _("Mục tiêu của phòng chưa lưu được: {why}", why=_readable(exc))
        return _department_page(errors, dict(request.form), 422)
    flash(_("Đã lưu mục tiêu của phòng."), "success")
    return redirect(url_for("objectives.department"))


@bp.post("/department/measure")
@login_required
def record_measurement():
    """"Lưu kết quả": the measured % of one objective for one period (cause and action when missed)."""
    user = current_user()
    objective_id = request.form.get("department_objective_id", "")
    try:
        services().quality.record_measurement(
            user.actor, department_objective_id=objective_id, period_key=request.form.get("period_key", ""),
            measured=decimal_text(request.form.get("measured", "")), cause=request.form.get("cause", ""),
            corrective_action=request.form.get("corrective_action", ""))
    except InvalidInput as exc:
        return _department_page({objective_id: _readable(exc)}, dict(request.form), 422)
    flash(_("Đã lưu kết quả đo lường."), "success")
    return redirect(url_for("objectives.department") + f"#objective-{objective_id}")


def _readable(exc: InvalidInput) -> str:
    """A service's refusal, or the contract's, in one Vietnamese sentence."""
    fields = {"measured": _("Kết quả đo lường (%)"), "target": _("Mục tiêu của phòng (%)"),
              "period_key": _("Kỳ đo lường"), "period": _("Kỳ đo lường"), "cause": _("Nguyên nhân"),
              "corrective_action": _("Hành động khắc phục")}
    details = getattr(exc, "details", None) or []
    named = [fields[str(d.get("loc", [""])[-1])] for d in details
             if isinstance(d, dict) and d.get("loc") and str(d["loc"][-1]) in fields]
    if named:
        return _("vui lòng kiểm tra {fields} (số từ 0 đến 100, tối đa 2 chữ số thập phân).",
                 fields=", ".join(dict.fromkeys(named)))
    return _(exc.message)


# -- results: chart, table, Excel --------------------------------------------------------------------------
def _report():
    user = current_user()
    if not user.has_role("leader", "secretary", "dept_head"):
        raise Forbidden(_("Bạn không có quyền xem kết quả đo lường mục tiêu chất lượng."))
    department = request.args.get("department_id") or None
    number = request.args.get("objective_no", "")
    year = request.args.get("year", "")
    report = services().quality.measurement_report(
        user.actor, department, int(number) if number.isdigit() and 0 < int(number) <= 50 else None,
        int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None)
    return user, report


def _rows(series, departments) -> list[dict]:
    rows = []
    for each in series:
        objective = each.objective
        name = departments[objective.department_id].name if objective.department_id in departments else \
            objective.department_id
        for point in each.points:
            rows.append({"department": name, "objective": objective.name, "target": point.target,
                         "period": periods.label(point.period_key), "measured": point.measured, "met": point.met,
                         "cause": point.cause, "corrective_action": point.corrective_action})
    return rows


@bp.get("/results")
@login_required
def results():
    user, report = _report()
    departments = directory.departments(user.unit_code)
    in_force = services().quality.get_objectives_in_force(user.actor)
    return render_template("objectives/results.html", report=report, departments=departments, in_force=in_force,
                           chosen=request.args, period_label=periods.label, rows=_rows(report.series, departments),
                           year=report.year or today().year)


@bp.get("/results/chart.svg")
@login_required
def results_chart():
    user, report = _report()
    series = next((s for s in report.series if s.objective.id == request.args.get("series")), None)
    if series is None:
        return Response(status=404)
    departments = directory.departments(user.unit_code)
    department = departments.get(series.objective.department_id)
    keys = [key for key, _label in periods.choices(series.objective.period, series.objective.year)]
    measured = {p.period_key: p.measured for p in series.points}
    shown = [key for key in keys if key in measured] if series.objective.period == "month" else keys
    shown = shown or keys[:1]
    svg = chart.draw([periods.label(k) for k in shown], [series.objective.target] * len(shown),
                     [measured.get(k) for k in shown],
                     title=f"{department.name if department else ''} — {series.objective.name}"[:110],
                     target_label=_("Mục tiêu đo lường (%)"), measured_label=_("Kết quả đo lường (%)"),
                     axis_label="%", comma=current_language() == "vi")
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "private, no-store"})


@bp.get("/results/export.xlsx")
@login_required
def results_export():
    user, report = _report()
    rows = _rows(report.series, directory.departments(user.unit_code))
    headers = [_("Phòng ban"), _("Mục tiêu chất lượng"), _("Mục tiêu đo lường (%)"), _("Kỳ đo lường"),
               _("Kết quả đo lường (%)"), _("Đạt"), _("Nguyên nhân"), _("Hành động khắc phục")]
    data = [[r["department"], r["objective"], float(r["target"]), r["period"], float(r["measured"]),
             _("Đạt") if r["met"] else _("Không đạt"), r["cause"], r["corrective_action"]] for r in rows]
    body = export.workbook(_("Kết quả đo lường"), headers, data, [24, 48, 14, 14, 14, 10, 36, 36])
    name = f"ket-qua-do-luong-{report.year or date.today().year}.xlsx"
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})

