"""Mục tiêu chất lượng hàng năm: the versions of the unit's objectives, one version, and their dossier.

"Xây dựng, chỉnh sửa mục tiêu chất lượng" is the generic "Tạo hồ sơ" page of the objectives' description;
"Nâng cấp phiên bản" opens it started from the version in force.
"""
from __future__ import annotations

import json

from flask import Blueprint, render_template, request
from markupsafe import Markup

from ...formatting import fmt_percent
from ...identity import current_user, login_required
from ...pages import directory
from ...pages.panels import optional
from ...resources import services
from ..dossiers.create import create_view, first_steps
from .objectives import OBJECTIVES

bp = Blueprint("objectives", __name__, url_prefix="/objectives", template_folder="templates")
bp.add_url_rule("/new", "new", create_view(OBJECTIVES), methods=("GET", "POST"))


@bp.get("/")
@login_required
def index():
    user = current_user()
    versions = services().quality.list_objectives(user.actor)
    in_force = next((v for v in versions if v.status == "in_force"), None)
    found, _down = optional(lambda: first_steps(OBJECTIVES.type_code))
    can_draft = bool(found) and user.has_role(found[1].role)
    return render_template("objectives/index.html", versions=versions, in_force=in_force, can_draft=can_draft)


@bp.get("/<objectives_id>")
@login_required
def version(objectives_id: str):
    item = services().quality.get_objectives(objectives_id, current_user().actor)
    people = directory.people([item.submitted_by, item.approved_by, item.recorded_by])
    return render_template("objectives/version.html", version=item, people=people,
                           submitted=request.args.get("submitted") == "1")


@bp.app_template_global()
def versions_json(versions) -> Markup:
    """The versions' objectives for "Chọn phiên bản mục tiêu" (read by objectives-form.js), safe inside <script>."""
    data = {v.id: [{"name": o.name, "target": fmt_percent(o.target)} for o in v.content.objectives]
            for v in versions}
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
