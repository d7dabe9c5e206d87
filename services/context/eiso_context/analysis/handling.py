"""The use cases of context analyses, one function each; the service's entrypoints call them in one line."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context_analysis import AnalysisRef, AnalysisView, ApplyAnalysis, SubmitAnalysis

from eiso_kit.clock import utcnow
from eiso_kit.dossiers import DossierFollower, submit as submit_artefact

from ..models import dossier_progress, requests
from . import repository, submission
from .applying import apply, check_may_apply
from .dossier import ANALYSIS
from .views import analysis_view

NOT_FOUND = "Không tìm thấy phân tích bối cảnh tổ chức."
FOLLOWER = DossierFollower(dossier_progress, ANALYSIS)

WORKFLOW_SILENT = ("Chưa trình được phân tích bối cảnh: dịch vụ hồ sơ không trả lời. "
                   "Vui lòng thử lại sau.")


def submit(db, cmd: SubmitAnalysis, check_route: Callable[[DossierRequest], None]) -> AnalysisView:
    """Store the secretary's analysis and ask the workflow for its dossier (once per idempotency key)."""

    def draft():
        with db.read() as session:
            of_the_year = repository.of_unit(session, cmd.actor.unit_code, cmd.content.year)
        analysis = submission.draft(uuid.uuid4().hex, cmd, utcnow(), of_the_year)
        return analysis, submission.submitted(analysis, cmd)

    analysis = submit_artefact(db, requests, ANALYSIS, cmd, command="context.submit_analysis", key=cmd.request_id,
                               draft=draft, check_route=check_route)
    return analysis_view(analysis)


def one(db, query: AnalysisRef) -> AnalysisView:
    with db.read() as session:
        analysis = repository.get(session, query.analysis_id)
    if analysis is None or analysis.unit_code != query.actor.unit_code:
        raise NotFound(NOT_FOUND)
    return analysis_view(analysis)


def of_unit(db, actor: Actor) -> list[AnalysisView]:
    with db.read() as session:
        return [analysis_view(a) for a in repository.of_unit(session, actor.unit_code)]


def applied(db, actor: Actor) -> AnalysisView | None:
    with db.read() as session:
        analysis = repository.applied(session, actor.unit_code)
    return analysis_view(analysis) if analysis is not None else None


def apply_one(db, cmd: ApplyAnalysis) -> AnalysisView:
    """Áp dụng: the leader applies an approved analysis; the one applied before is not any more."""
    check_may_apply(cmd.actor)
    unit, now = cmd.actor.unit_code, utcnow()
    with db.transaction() as tx:
        tx.lock(f"context.analysis.applied.{unit}")   # one applied per unit, whoever applies at the same time
        analysis = repository.get(tx.session, cmd.analysis_id, lock=True)
        if analysis is None or analysis.unit_code != unit:
            raise NotFound(NOT_FOUND)
        current = repository.applied(tx.session, unit, lock=True)
        before, current_before = analysis.snapshot(), current.snapshot() if current is not None else None
        retired, announcement = apply(analysis, current, cmd.actor.id, now)
        if announcement is None:
            return analysis_view(analysis)          # applied already: nothing changes
        if retired is not None:                     # first, so the unit never has two applied rows
            repository.save(tx.session, retired)
            tx.audit(ANALYSIS.kind, retired.id, "unapplied", cmd.actor.id, before=current_before,
                     after=retired.snapshot())
        repository.save(tx.session, analysis)
        tx.audit(ANALYSIS.kind, analysis.id, "applied", cmd.actor.id, before=before, after=analysis.snapshot())
        tx.emit(announcement, subject=ANALYSIS.subject(analysis.id))
    return analysis_view(analysis)
