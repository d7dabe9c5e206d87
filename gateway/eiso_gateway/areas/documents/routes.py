"""Kiểm soát tài liệu: the register (STT, STTNB, Tên tài liệu, Ngày hiệu lực, Trạng thái; "Duyệt" for the
leader), one document with its versions and who read it, "Tìm kiếm" (a PDF is shown by ``files.view``).

Drafting a document, or a new version of one, is the generic "Tạo hồ sơ" page of the version's description
(``version.DOCUMENT_VERSION``); the leader's "Duyệt" opens the dossier's "Xử lý" page. Every permission is
the documents service's: a page only shows what the service answered for this person.
"""
from __future__ import annotations

import re

from eiso_contracts.content import DOCUMENT_TYPES
from eiso_contracts.rpc.documents import REGISTER_STATES
from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...identity import current_user, login_required
from ...pages import directory
from ...resources import services
from ..dossiers.create import create_view
from .version import DOCUMENT_VERSION

bp = Blueprint("documents", __name__, url_prefix="/documents", template_folder="templates")
bp.add_url_rule("/new", "new", create_view(DOCUMENT_VERSION), methods=("GET", "POST"))
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PAGE_SIZE = 20


def _choice(name: str, allowed) -> str | None:
    value = request.args.get(name, "").strip()
    return value if value in allowed else None


@bp.get("/")
@login_required
def register():
    user = current_user()
    departments = directory.departments(user.unit_code)
    filters = {"doc_type": _choice("doc_type", DOCUMENT_TYPES), "department_id": _choice("department_id", departments),
               "state": _choice("state", REGISTER_STATES)}
    rows = services().documents.list_documents(user.actor, **filters)
    return render_template("documents/register.html", rows=rows, filters=filters, departments=departments,
                           doc_types=DOCUMENT_TYPES, states=REGISTER_STATES, can_draft=user.has_role("secretary"),
                           can_approve=user.has_role("leader"))


@bp.get("/<document_id>")
@login_required
def document(document_id: str):
    user = current_user()
    found = services().documents.get_document(user.actor, document_id)
    in_force = next((v for v in found.versions if v.number == found.in_force_version), None)
    acknowledged = in_force is not None and any(a.person_id == user.id for a in in_force.acknowledgements)
    may_acknowledge = (in_force is not None and not acknowledged and user.department_id is not None
                       and user.department_id in in_force.content.distribution)
    on_its_way = any(v.status in ("submitted", "returned", "approved") for v in found.versions)
    people = directory.people([found.created_by] + [v.submitted_by for v in found.versions]
                              + [v.approved_by for v in found.versions if v.approved_by]
                              + [a.person_id for v in found.versions for a in v.acknowledgements])
    files = directory.files([f for v in found.versions for f in v.files], user.actor)
    return render_template("documents/document.html", document=found, in_force=in_force, people=people,
                           files=files, departments=directory.departments(user.unit_code),
                           may_acknowledge=may_acknowledge, acknowledged=acknowledged,
                           can_draft=user.has_role("secretary") and not on_its_way,
                           can_approve=user.has_role("leader"), submitted=request.args.get("submitted") == "1")


@bp.post("/<document_id>/acknowledge")
@login_required
def acknowledge(document_id: str):
    user = current_user()
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        version = 0
    services().documents.acknowledge_document(user.actor, document_id, max(version, 1))
    flash("Đã xác nhận đã đọc tài liệu.", "success")
    return redirect(url_for("documents.document", document_id=document_id))


@bp.get("/search")
@login_required
def search():
    user = current_user()
    q = CONTROL.sub("", request.args.get("q", "")).strip()[:200]
    try:
        page = min(1000, max(1, int(request.args.get("page", "1"))))
    except ValueError:
        page = 1
    result = services().documents.search(user.actor, q, page=page, page_size=PAGE_SIZE) if q else None
    pages = max(1, -(-result.total // result.page_size)) if result else 1
    return render_template("documents/search.html", q=q, result=result, page=page, pages=pages)
