"""Kiểm soát hoạt động ISO: the inbox tabs and "Thông tin hồ sơ".

Everything shown comes from the workflow service (dossiers, steps) plus names
from the context and documents services, and the artefact's preview from its
owner, through the artefact's description (``flow.artefacts``).
"""
from __future__ import annotations

import re

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.workflow import TAB_LABELS, DossierView
from flask import Blueprint, render_template, request, url_for

from ...flow.artefacts import Artefact, find
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.panels import optional
from ...resources import services
from .timeline import LEGEND, legend_label, step_class

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers", template_folder="templates")

TABS = ("following", "todo", "done", "completed")
PAGE_SIZE = 20
MAX_PAGE = 10_000  # InboxQuery.page's bound
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

bp.add_app_template_global(step_class, "step_css")
bp.add_app_template_global(legend_label, "step_legend_label")


def creatable_types(user) -> list[tuple[object, str | None]]:
    """"Tạo hồ sơ": the dossier types whose step 1 this person's roles may do, with their create page."""
    definitions, _down = optional(lambda: services().workflow.list_definitions())
    result = []
    for definition in definitions or []:
        first = min(definition.steps, key=lambda s: s.number, default=None)
        if first is None or not user.has_role(first.role):
            continue
        artefact = find(definition.artefact_service, definition.artefact_kind)
        result.append((definition, url_for(artefact.create_endpoint) if artefact else None))
    return result


@bp.get("/")
@login_required
def inbox():
    user = current_user()
    tab = request.args.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    try:
        page = min(MAX_PAGE, max(1, int(request.args.get("page", "1"))))
    except ValueError:  # not a number, or too many digits to read
        page = 1
    search = CONTROL.sub("", request.args.get("q", "")).strip()[:100]
    result = services().workflow.inbox(user.actor, tab=tab, page=page, page_size=PAGE_SIZE, search=search)
    handlers = directory.people([d.current_step.handler_id for d in result.items
                                 if d.current_step and d.current_step.handler_id])
    pages = max(1, -(-result.total // result.page_size))
    return render_template("dossiers/inbox.html", result=result, tab=tab, tabs=TABS, tab_labels=TAB_LABELS,
                           search=search, handlers=handlers, page=result.page, pages=pages,
                           creatable=creatable_types(user))


def load_preview(dossier: DossierView, artefact: Artefact | None):
    """The owner's view of the artefact, or None; a missing artefact must not hide the dossier."""
    if artefact is None:
        return None
    try:
        return artefact.load(services(), dossier.artefact.id, current_user().actor)
    except NotFound:
        return None


@bp.get("/<code>")
@login_required
def show(code: str):
    user = current_user()
    dossier = services().workflow.get_dossier(code, user.actor)
    artefact = find(dossier.artefact.service, dossier.artefact.kind)
    preview, preview_down = optional(lambda: load_preview(dossier, artefact))
    people_ids = [s.handler_id for s in dossier.steps] + [h.actor_id for h in dossier.history] + [dossier.opened_by]
    file_ids = [a for s in dossier.steps for a in s.attachments] + [a for h in dossier.history for a in h.attachments]
    return render_template(
        "dossiers/show.html", dossier=dossier, artefact=artefact, preview=preview, preview_down=preview_down,
        departments=directory.departments(dossier.unit_code), people=directory.people(people_ids),
        files=directory.files(file_ids, current_user().actor), legend=LEGEND,
        history=sorted(dossier.history, key=lambda h: h.at),
    )
