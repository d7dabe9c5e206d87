"""Reading policies for a person: only their unit's (another unit's policy is not found)."""
from __future__ import annotations

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality import PolicyQuery

from . import repository
from .views import policy_view

NOT_FOUND = "Không tìm thấy chính sách chất lượng."


def one(db, query: PolicyQuery):
    """The policy with its revisions, or NotFound (also for another unit's)."""
    with db.read() as session:
        policy = repository.get(session, query.policy_id)
    if policy is None or policy.unit_code != query.actor.unit_code:
        raise NotFound(NOT_FOUND)
    return policy_view(policy)


def of_unit(db, actor: Actor):
    """The person's unit's policies, newest first (without revisions)."""
    with db.read() as session:
        return [policy_view(policy, revisions=False) for policy in repository.of_unit(session, actor.unit_code)]


def in_force(db, actor: Actor):
    """The unit's policy in force (the home page), or None."""
    with db.read() as session:
        policy = repository.in_force(session, actor.unit_code)
    return policy_view(policy) if policy is not None else None
