"""nameko entrypoints of the quality service: the quality policy (ISO 5.2), "Lập chính sách chất lượng"."""
from __future__ import annotations

import logging
import uuid

from eiso_contracts import topology
from eiso_contracts.dossier import DossierRequest
from eiso_contracts.errors import Conflict, EisoError, InvalidInput, NotFound
from eiso_contracts.rpc.quality import PolicyRef, SubmitPolicy, UnitPolicies
from nameko.rpc import RpcProxy
from sqlalchemy.exc import IntegrityError

from eiso_kit.clock import utcnow
from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.events.subscribe import subscribe
from eiso_kit.health import report
from eiso_kit.rpc import call, dump, parse
from eiso_kit.entrypoint import rpc

from . import domain, repository
from .models import MIGRATIONS, metadata
from .views import policy_view

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy chính sách chất lượng."


class QualityService:
    """Quality policies: drafted and submitted by the ISO secretary, moved by the workflow's dossier."""

    name = "quality"
    db = Database(metadata, migrations=MIGRATIONS)
    workflow = RpcProxy("workflow")
    settings = ServiceSettings()

    @rpc(expected_exceptions=EisoError)
    def health(self):
        """``{"service": "quality", "status": "ok", "checks": {"database": "ok"}}``"""
        return report(self.name, database=self.db.health())

    @rpc(expected_exceptions=EisoError)
    def submit_policy(self, payload, request_id=None):
        """SubmitPolicy -> PolicyView (status "submitted", revision 1); the workflow opens dossier type 1.

        The idempotency key may come in the payload or beside it (``request_id=``, as the gateway sends it).
        """
        cmd = parse(SubmitPolicy, with_request_id(payload, request_id))
        policy = domain.draft(uuid.uuid4().hex, cmd, utcnow())
        if cmd.request_id is not None and (earlier := self._submitted(cmd)) is not None:
            return dump(policy_view(earlier))
        request = domain.dossier_request(policy, cmd)
        self._check_with_workflow(request)  # network I/O: before the transaction, never inside it
        try:
            with self.db.transaction() as tx:
                repository.add(tx.session, policy)
                tx.emit(domain.submitted(policy, request), subject=f"policy/{policy.id}")
                tx.audit("policy", policy.id, "submitted", cmd.actor.id, before=None, after=policy.snapshot())
        except IntegrityError:
            # Another delivery of the same request committed between our lookup and our insert.
            earlier = self._submitted(cmd) if cmd.request_id is not None else None
            if earlier is None:
                raise Conflict("Chưa lưu được chính sách chất lượng do xung đột dữ liệu. Vui lòng thử lại.") from None
            return dump(policy_view(earlier))
        return dump(policy_view(policy))

    @rpc(expected_exceptions=EisoError)
    def get_policy(self, policy_id):
        """PolicyView with its revisions, or NotFound."""
        ref = parse(PolicyRef, {"policy_id": policy_id})
        with self.db.read() as session:
            policy = repository.get(session, ref.policy_id)
        if policy is None:
            raise NotFound(NOT_FOUND)
        return dump(policy_view(policy))

    @rpc(expected_exceptions=EisoError)
    def list_policies(self, unit_code):
        """The unit's policies, newest first (without revisions)."""
        query = parse(UnitPolicies, {"unit_code": unit_code})
        with self.db.read() as session:
            found = repository.of_unit(session, query.unit_code)
        return dump([policy_view(policy, revisions=False) for policy in found])

    @rpc(expected_exceptions=EisoError)
    def get_policy_in_force(self, unit_code):
        """The unit's policy in force (shown on the home page), or None."""
        query = parse(UnitPolicies, {"unit_code": unit_code})
        with self.db.read() as session:
            policy = repository.in_force(session, query.unit_code)
        return dump(policy_view(policy)) if policy is not None else None

    @subscribe(topology.QUALITY_DOSSIER_PROGRESS)
    def on_dossier_progress(self, received):
        """Follow the dossiers of quality policies: revise, approve, return, reject, issue."""
        fact = domain.fact_from_event(received.data, at=received.event.time)
        if fact is None:
            return  # a dossier about another service's artefact
        with self.db.transaction(handling=received) as tx:
            if tx.duplicate:
                return
            policy = repository.get(tx.session, fact.policy_id, lock=True)
            if policy is None:
                # Not a race: the policy is committed before its PolicySubmitted is published (outbox),
                # and the workflow opens a dossier only from that event. An unknown id means a real
                # fault (a restored or wrong database, another deployment on the same bus). Raising
                # keeps the fact: it is retried, then parked in the dead-letter queue for an operator.
                raise LookupError(f"dossier {fact.dossier_code} is about policy {fact.policy_id}, "
                                  "which this quality service does not have")
            in_force = (repository.in_force(tx.session, policy.unit_code, lock=True)
                        if fact.needs_policy_in_force else None)
            applied = domain.apply_fact(policy, fact, in_force)
            for change in applied.changes:  # the superseded policy first: one in force per unit
                repository.save(tx.session, change.policy)
                tx.audit("policy", change.policy.id, change.action, fact.actor_id,
                         before=change.before, after=change.after)
            for event in applied.events:
                tx.emit(event, subject=f"policy/{event.policy_id}")

    def _submitted(self, cmd: SubmitPolicy):
        with self.db.read() as session:
            return repository.by_request(session, cmd.actor.unit_code, cmd.request_id)

    def _check_with_workflow(self, request: DossierRequest) -> None:
        """The workflow checks the route (department, handler, deadline); its typed errors pass through."""
        call(self.workflow.validate_request, dump(request), timeout=self.settings.service_rpc_timeout,
             unavailable="Chưa trình được chính sách: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau.")


def with_request_id(payload, request_id):
    """The payload with the idempotency key given beside it (refused when it names another one)."""
    if request_id is None or not isinstance(payload, dict):
        return payload
    if payload.get("request_id") not in (None, request_id):
        raise InvalidInput("Mã yêu cầu (request_id) trong dữ liệu và bên ngoài không khớp nhau.")
    return {**payload, "request_id": request_id}
