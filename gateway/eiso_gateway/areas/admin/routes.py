"""Quản trị: departments and people of the administrator's unit.

Only the "admin" role sees these pages; the context service checks the
actor's role again on every command. Forms keep what was typed when the
service refuses (duplicate username, weak password...).
"""
from __future__ import annotations

from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, NotFound
from eiso_contracts.rpc.common import ROLES
from eiso_contracts.rpc.context import PASSWORD_MIN_LENGTH
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...resources import services
from ...errors import status_of
from ...i18n import N_, translate
from ...identity import current_user, refresh_credentials, roles_required

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

# Refusals shown on the form (or as a message) instead of an error page: the admin can act on them.
REFUSED = (InvalidInput, Conflict, NotFound, Forbidden)


@bp.get("/")
@roles_required("admin")
def index():
    return redirect(url_for("admin.departments"))


def _render_departments(form=None, error=None, status=200):
    user = current_user()
    departments = services().context.list_departments(user.unit_code)
    return render_template("admin/departments.html", departments=departments,
                           form=form or {"code": "", "name": ""}, error=error), status


@bp.route("/departments", methods=("GET", "POST"))
@roles_required("admin")
def departments():
    if request.method == "GET":
        return _render_departments()
    form = {"code": request.form.get("code", "").strip(), "name": request.form.get("name", "").strip()}
    if not form["code"] or not form["name"]:
        return _render_departments(form, N_("Vui lòng nhập mã và tên phòng ban."), 422)
    try:
        services().context.create_department(current_user().actor, form["code"], form["name"])
    except REFUSED as exc:
        return _render_departments(form, exc.message, status_of(exc))
    flash("Đã thêm phòng ban.", "success")
    return redirect(url_for("admin.departments"))


EMPTY_PERSON = {"username": "", "full_name": "", "title": "", "department_id": "", "roles": []}


def _render_people(form=None, error=None, status=200):
    user = current_user()
    # Locked people too ("Đã khóa"), so they can be unlocked ("Mở khóa") or get a new password.
    people = sorted(services().context.list_people(user.unit_code, inactive_for=user.actor),
                    key=lambda p: (not p.active, p.full_name))
    departments = services().context.list_departments(user.unit_code)
    return render_template("admin/people.html", people=people, departments=departments,
                           department_names={d.id: d.name for d in departments},
                           form=form or dict(EMPTY_PERSON), roles=ROLES, error=error), status


@bp.route("/people", methods=("GET", "POST"))
@roles_required("admin")
def people():
    if request.method == "GET":
        return _render_people()
    form = {
        "username": request.form.get("username", "").strip().lower(),
        "full_name": request.form.get("full_name", "").strip(),
        "title": request.form.get("title", "").strip(),
        "department_id": request.form.get("department_id", "").strip(),
        "roles": [r for r in request.form.getlist("roles") if r in ROLES],
    }
    password = request.form.get("password", "")
    problem = None
    if not form["username"] or not form["full_name"]:
        problem = N_("Vui lòng nhập tên đăng nhập và họ tên.")
    elif not 3 <= len(form["username"]) <= 64:
        problem = N_("Tên đăng nhập dài từ 3 đến 64 ký tự.")
    elif not form["department_id"]:
        problem = N_("Vui lòng chọn phòng ban.")
    elif not form["roles"]:
        problem = N_("Vui lòng chọn ít nhất một vai trò.")
    elif len(password) < PASSWORD_MIN_LENGTH:
        problem = translate(N_("Mật khẩu phải có ít nhất {n} ký tự."), n=PASSWORD_MIN_LENGTH)
    if problem:
        return _render_people(form, problem, 422)
    try:
        services().context.create_person(current_user().actor, password=password, **form)
    except REFUSED as exc:
        return _render_people(form, exc.message, status_of(exc))
    flash("Đã tạo tài khoản.", "success")
    return redirect(url_for("admin.people"))


@bp.post("/people/<person_id>/password")
@roles_required("admin")
def reset_password(person_id: str):
    password = request.form.get("new_password", "")
    if len(password) < PASSWORD_MIN_LENGTH:
        flash(translate(N_("Mật khẩu phải có ít nhất {n} ký tự."), n=PASSWORD_MIN_LENGTH), "error")
        return redirect(url_for("admin.people"))
    try:
        services().context.reset_password(current_user().actor, person_id, password)
    except REFUSED as exc:
        flash(exc.message, "error")
    else:
        if person_id == current_user().id:
            refresh_credentials()  # a reset ends every session of the person, this one too: sign in again
        flash("Đã đặt lại mật khẩu.", "success")
    return redirect(url_for("admin.people"))


@bp.post("/people/<person_id>/active")
@roles_required("admin")
def set_active(person_id: str):
    active = request.form.get("active") == "1"
    if person_id == current_user().id and not active:
        flash("Bạn không thể tự khóa tài khoản của mình.", "error")
        return redirect(url_for("admin.people"))
    try:
        services().context.set_person_active(current_user().actor, person_id, active)
    except REFUSED as exc:
        flash(exc.message, "error")
    else:
        flash(N_("Đã mở khóa tài khoản.") if active else N_("Đã khóa tài khoản."), "success")
    return redirect(url_for("admin.people"))
