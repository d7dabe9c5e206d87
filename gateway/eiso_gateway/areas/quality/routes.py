"""Chính sách chất lượng: the unit's policies, one policy, and "Lập chính sách chất lượng" (dossier type 1).

The drafting page is the generic "Tạo hồ sơ" page of the policy's description
(``policy.POLICY``). The quality service stores the draft and asks the
workflow, by event, to open the dossier; so the dossier appears in the inbox a
moment later, and the confirmation page says so instead of pretending it is
already there.
"""
from __future__ import annotations

from eiso_contracts.rpc.quality import PolicyView
from flask import Blueprint, render_template

from ...identity import current_user, login_required
from ...pages import directory
from ...pages.panels import optional
from ...resources import services
from ..dossiers.create import create_view, first_steps
from .policy import POLICY

bp = Blueprint("quality", __name__, url_prefix="/quality", template_folder="templates")
bp.add_url_rule("/policies/new", "new_policy", create_view(POLICY), methods=("GET", "POST"))


def own_policy(policy_id: str) -> PolicyView:
    """The person's policy (the quality service answers NotFound for another unit's)."""
    return services().quality.get_policy(policy_id, current_user().actor)


@bp.get("/policies")
@login_required
def policies():
    user = current_user()
    items = sorted(services().quality.list_policies(user.actor),
                   key=lambda p: (p.content.year, p.submitted_at), reverse=True)
    found, _down = optional(lambda: first_steps(POLICY.type_code))
    can_draft = bool(found) and user.has_role(found[1].role)
    return render_template("quality/policies.html", policies=items, can_draft=can_draft)


@bp.get("/policies/<policy_id>")
@login_required
def policy(policy_id: str):
    item = own_policy(policy_id)
    people = directory.people([item.submitted_by, item.approved_by, item.issued_by]
                              + [r.revised_by for r in item.revisions])
    return render_template("quality/policy.html", policy=item, people=people)


@bp.get("/policies/<policy_id>/submitted")
@login_required
def submitted(policy_id: str):
    return render_template("quality/submitted.html", policy=own_policy(policy_id))
