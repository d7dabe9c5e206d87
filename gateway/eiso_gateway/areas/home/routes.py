"""Trang chủ: the inbox counts, the context analysis applied, the quality policy and objectives in force."""
from __future__ import annotations

from flask import Blueprint, render_template

from ...resources import services
from ...identity import current_user, login_required
from ...pages.panels import optional

bp = Blueprint("home", __name__, template_folder="templates")


@bp.get("/")
@login_required
def index():
    user = current_user()
    policy, policy_down = optional(lambda: services().quality.get_policy_in_force(user.actor))
    counts, counts_down = optional(lambda: services().workflow.inbox_counts(user.actor))
    analysis, analysis_down = optional(lambda: services().context.get_applied_analysis(user.actor))
    objectives, objectives_down = optional(lambda: services().quality.get_objectives_in_force(user.actor))
    return render_template("home/index.html", policy=policy, policy_down=policy_down,
                           counts=counts, counts_down=counts_down, analysis=analysis, analysis_down=analysis_down,
                           objectives=objectives, objectives_down=objectives_down)
