"""Trang chủ: the quality policy in force and the person's inbox counts."""
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
    return render_template("home/index.html", policy=policy, policy_down=policy_down,
                           counts=counts, counts_down=counts_down)
