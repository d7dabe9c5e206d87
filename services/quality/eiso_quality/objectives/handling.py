"""The use cases of the objectives, one function each; the service's entrypoints call them in one line."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality_objectives import ObjectivesRef, ObjectivesView, PolicyChoice, SubmitObjectives
from sqlalchemy.orm import Session

from eiso_kit.clock import utcnow
from eiso_kit.dossiers import submit as submit_artefact

from ..models import requests
from ..policy import repository as policies
from ..policy.aggregate import ISSUED, SUPERSEDED, Policy
from . import repository, submission
from .aggregate import Objectives, numbers
from .dossier import OBJECTIVES
from .views import objectives_view, policy_choice

NOT_FOUND = "Không tìm thấy mục tiêu chất lượng."
WERE_ISSUED = (ISSUED, SUPERSEDED)     # policies objectives may belong to ("Chọn chính sách")

WORKFLOW_SILENT = ("Chưa trình được mục tiêu chất lượng: dịch vụ hồ sơ không trả lời. "
                   "Vui lòng thử lại sau.")


def _policies(session: Session, unit_code: str) -> dict[str, Policy]:
    return {policy.id: policy for policy in policies.of_unit(session, unit_code)}


def _views(session: Session, unit_code: str, wanted: list[Objectives]) -> list[ObjectivesView]:
    found = numbers(repository.of_unit(session, unit_code))
    known = _policies(session, unit_code)
    return [objectives_view(o, found.get(o.id, 1), known) for o in wanted]


def policy_choices(db, actor: Actor) -> list[PolicyChoice]:
    """The unit's policies that were issued, newest year first: "Năm 2021 - <Phương châm>"."""
    with db.read() as session:
        found = [p for p in policies.of_unit(session, actor.unit_code) if p.status in WERE_ISSUED]
    return [policy_choice(p) for p in sorted(found, key=lambda p: (p.content.year, p.issued_at or p.submitted_at),
                                             reverse=True)]


def submit(db, cmd: SubmitObjectives, check_route: Callable[[DossierRequest], None]) -> ObjectivesView:
    """Store the secretary's version and ask the workflow for its dossier (once per idempotency key)."""

    def draft():
        with db.read() as session:
            issued = {p.id for p in policies.of_unit(session, cmd.actor.unit_code) if p.status in WERE_ISSUED}
        objectives = submission.draft(uuid.uuid4().hex, cmd, utcnow(), issued)
        return objectives, submission.submitted(objectives, cmd)

    objectives = submit_artefact(db, requests, OBJECTIVES, cmd, command="quality.submit_objectives",
                                 key=cmd.request_id, draft=draft, check_route=check_route)
    with db.read() as session:
        return _views(session, objectives.unit_code, [objectives])[0]


def one(db, query: ObjectivesRef) -> ObjectivesView:
    with db.read() as session:
        objectives = repository.get(session, query.objectives_id)
        if objectives is None or objectives.unit_code != query.actor.unit_code:
            raise NotFound(NOT_FOUND)
        return _views(session, objectives.unit_code, [objectives])[0]


def of_unit(db, actor: Actor) -> list[ObjectivesView]:
    with db.read() as session:
        return _views(session, actor.unit_code, repository.of_unit(session, actor.unit_code))


def in_force(db, actor: Actor) -> ObjectivesView | None:
    with db.read() as session:
        found = repository.in_force(session, actor.unit_code)
        return _views(session, actor.unit_code, [found])[0] if found is not None else None
