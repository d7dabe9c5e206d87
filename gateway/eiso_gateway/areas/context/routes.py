"""Tổ chức và bối cảnh: the list of analyses by year, one analysis, and the leader's decisions in the list.

"Phê duyệt" / "Không duyệt" in the list are the workflow's "Chuyển hồ sơ" on the analysis's dossier (type
10, step 2), so the dossier's history stays the one record; the context service follows it. "Áp dụng" is the
context service's own command. Drafting is the generic "Tạo hồ sơ" page of the analysis's description.
"""
from __future__ import annotations

import uuid

from eiso_contracts.errors import AlreadyProcessed, EisoError
from eiso_contracts.rpc.context_analysis import AnalysisView
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...i18n import N_
from ...i18n import translate as _
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.panels import optional
from ...resources import services
from ..dossiers.create import create_view, first_steps
from .analysis import ANALYSIS

bp = Blueprint("context", __name__, url_prefix="/context", template_folder="templates")
bp.add_url_rule("/analyses/new", "new_analysis", create_view(ANALYSIS), methods=("GET", "POST"))

APPROVED = N_("Đã phê duyệt phân tích bối cảnh tổ chức năm {year}.")
REFUSED = N_("Đã chuyển: Không duyệt phân tích bối cảnh tổ chức năm {year}.")
APPLIED = N_("Đã áp dụng phân tích bối cảnh tổ chức năm {year}: nội dung được hiển thị trên Trang chủ.")
CHANGED = N_("Phân tích này đã được xử lý hoặc đã thay đổi. Vui lòng xem lại danh sách.")


def _decisions(items: list[AnalysisView], user) -> dict:
    """Analysis id -> its dossier (version) where this person is the leader who decides now (step 2)."""
    found = {}
    if not user.has_role("leader"):
        return found
    for item in items:
        if item.status != "submitted" or not item.dossier_code:
            continue
        dossier, _down = optional(lambda: services().workflow.get_dossier_for_artefact(
            "context", "analysis", item.id, user.actor))
        step = dossier.current_step if dossier is not None else None
        if dossier is not None and dossier.status == "open" and step and step.key == "approval" \
                and step.handler_id == user.id:
            found[item.id] = dossier
    return found


@bp.get("/analyses")
@login_required
def analyses():
    user = current_user()
    items = services().context.list_analyses(user.actor)
    found, _down = optional(lambda: first_steps(ANALYSIS.type_code))
    can_draft = bool(found) and user.has_role(found[1].role)
    held = {a.year for a in items if a.status != "rejected"}
    return render_template("context/analyses.html", analyses=items, decisions=_decisions(items, user),
                           can_draft=can_draft, held=held, latest=items[0] if items else None,
                           people=directory.people([a.submitted_by for a in items]), request_id=str(uuid.uuid4()))


@bp.get("/analyses/<analysis_id>")
@login_required
def analysis(analysis_id: str):
    item = services().context.get_analysis(analysis_id, current_user().actor)
    people = directory.people([item.submitted_by, item.decided_by, item.applied_by])
    return render_template("context/analysis.html", analysis=item, people=people,
                           submitted=request.args.get("submitted") == "1")


@bp.post("/analyses/<analysis_id>/decide")
@login_required
def decide(analysis_id: str):
    """Phê duyệt / Không duyệt from the list: one "Chuyển hồ sơ" on the analysis's dossier."""
    user = current_user()
    item = services().context.get_analysis(analysis_id, user.actor)
    action = request.form.get("action", "")
    reason = request.form.get("comment", "").strip()
    if action not in ("approve", "reject") or not item.dossier_code:
        flash(_("Vui lòng chọn Phê duyệt hoặc Không duyệt."), "error")
        return redirect(url_for("context.analyses"))
    if action == "reject" and not reason:
        flash(_("Vui lòng nhập lý do không duyệt (Ý kiến)."), "error")
        return redirect(url_for("context.analyses"))
    try:
        version = int(request.form.get("expected_version", ""))
    except ValueError:
        flash(_(CHANGED), "warning")
        return redirect(url_for("context.analyses"))
    try:
        services().workflow.act({"code": item.dossier_code, "actor": user.actor.model_dump(mode="json"),
                                 "expected_version": version, "action": action, "comment": reason,
                                 "request_id": request.form.get("request_id") or None})
    except AlreadyProcessed:
        flash(_(CHANGED), "warning")
        return redirect(url_for("context.analyses"))
    except EisoError as exc:
        flash(_(exc.message), "error")
        return redirect(url_for("context.analyses"))
    done = APPROVED if action == "approve" else REFUSED
    flash(_(done, year=item.year), "success")
    return redirect(url_for("context.analyses"))


@bp.post("/analyses/<analysis_id>/apply")
@login_required
def apply(analysis_id: str):
    """Áp dụng: this approved analysis is the one the home page shows."""
    try:
        applied = services().context.apply_analysis(analysis_id, current_user().actor)
    except EisoError as exc:
        if exc.status >= 500:
            raise
        flash(_(exc.message), "error")
        return redirect(url_for("context.analyses"))
    flash(_(APPLIED, year=applied.year), "success")
    return redirect(url_for("context.analyses"))
