"""Đăng nhập / Đăng xuất, the language switch and "Đổi mật khẩu"."""
from __future__ import annotations

import re

from eiso_contracts.errors import AuthenticationFailed, InvalidInput, TooManyRequests
from eiso_contracts.rpc.context import PASSWORD_MIN_LENGTH
from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for

from ...i18n import LANGUAGES, N_, translate
from ...identity import current_session, current_user, login_required, safe_next, sign_in, sign_out
from ...ratelimit import login_guard, page_message
from ...resources import services

bp = Blueprint("auth", __name__, template_folder="templates")

BAD_CREDENTIALS = N_("Tên đăng nhập hoặc mật khẩu không đúng.")
EMPTY_CREDENTIALS = N_("Vui lòng nhập tên đăng nhập và mật khẩu.")
CONTROL_CHARACTERS = N_("Tên đăng nhập hoặc mật khẩu chứa ký tự không hợp lệ.")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@bp.route("/login", methods=("GET", "POST"))
def login():
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if g.user is not None:
            return redirect(next_url or url_for("home.index"))
        return render_template("auth/login.html", username="", next_url=next_url, error=None)

    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    error, status, headers = None, 401, {}
    if not username or not password:
        error = EMPTY_CREDENTIALS
    elif CONTROL.search(username) or CONTROL.search(password):
        error = CONTROL_CHARACTERS  # the contract refuses them; say so instead of "wrong password"
    else:
        try:
            with login_guard(username):
                started = services().context.start_session(username, password, "web")
        except InvalidInput:  # too long for the contract: no such account
            error = BAD_CREDENTIALS
        except AuthenticationFailed as exc:
            error = exc.message or BAD_CREDENTIALS
        except TooManyRequests as exc:
            error, status, headers = page_message(exc), 429, {"Retry-After": str(exc.retry_after or 60)}
        else:
            sign_in(started)
            return redirect(next_url or url_for("home.index"))
    shown = CONTROL.sub("", username)[:64]  # kept on the form, without what no input field can hold
    return render_template("auth/login.html", username=shown, next_url=next_url, error=error), status, headers


@bp.post("/logout")
def logout():
    sign_out()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language():
    """"Tiếng Việt / English": kept in the session, also before login."""
    lang = request.form.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))


@bp.route("/account/password", methods=("GET", "POST"))
@login_required
def change_password():
    error = None
    if request.method == "POST":
        current = request.form.get("current_password", "")
        new = request.form.get("new_password", "")
        confirm = request.form.get("confirm_password", "")
        if len(new) < PASSWORD_MIN_LENGTH:
            error = translate(N_("Mật khẩu mới phải có ít nhất {n} ký tự."), n=PASSWORD_MIN_LENGTH)
        elif new != confirm:
            error = N_("Mật khẩu nhập lại không khớp.")
        else:
            try:
                with login_guard(current_user().username):  # guessing the current password is throttled too
                    # Every other session and token of this person ends at once; this one stays.
                    services().context.change_password(current_user().actor, current, new, current_session())
            except (InvalidInput, AuthenticationFailed) as exc:
                error = exc.message
            except TooManyRequests as exc:
                error = page_message(exc)
            else:
                flash("Đã đổi mật khẩu.", "success")
                return redirect(url_for("home.index"))
    status = 422 if error else 200
    return render_template("auth/password.html", error=error), status
