"""The rules of nonconformities (overdue) and improvements (one decision, the leader's), without I/O."""
from datetime import date, datetime, timezone

import pytest
from eiso_contracts.content import CorrectiveActionContent
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput
from eiso_contracts.rpc.common import Actor

from eiso_quality.improvement.aggregate import APPROVED, REFUSED, Improvement
from eiso_quality.improvement.decision import approved
from eiso_quality.nonconformity.aggregate import APPROVED as NC_APPROVED
from eiso_quality.nonconformity.aggregate import CLOSED, IMPLEMENTED, REOPENED, Nonconformity

T = datetime(2026, 3, 2, tzinfo=timezone.utc)
LEADER = Actor(id="lead", unit_code="U", roles=["leader"], department_id="d-bgd")


def test_an_action_is_overdue_only_while_it_is_being_carried_out_past_its_due_date():
    action = CorrectiveActionContent(correction="c", whys=["w"], root_cause="r", action="a", owner="o",
                                     due_date=date(2026, 3, 10))
    nc = Nonconformity(id="n", unit_code="U", source="other", department_id="d", description="x", raised_by="p",
                       raised_at=T, action=action)
    for status, overdue in ((NC_APPROVED, True), (REOPENED, True), (IMPLEMENTED, False), (CLOSED, False)):
        nc.status = status
        assert nc.is_overdue(date(2026, 3, 11)) is overdue
    nc.status = NC_APPROVED
    assert not nc.is_overdue(date(2026, 3, 10))                  # due today is not late yet


def test_an_improvement_is_decided_once_by_a_leader_and_its_dossier_starts_with_that_leader():
    def item():
        return Improvement(id="i", unit_code="U", title="T", current_situation="c", proposal="p",
                           expected_benefit="b", department_id="d", proposed_by="s", proposed_at=T)

    first = item()
    with pytest.raises(Forbidden):
        first.decide(True, Actor(id="s", unit_code="U", roles=["secretary"]), T)
    first.decide(True, LEADER, T)
    assert first.status == APPROVED and first.decided_by == "lead"
    with pytest.raises(AlreadyProcessed):
        first.decide(False, LEADER, T, "muộn")
    second = item()
    second.decide(False, LEADER, T, "Chưa có kinh phí")
    assert (second.status, second.refusal_reason) == (REFUSED, "Chưa có kinh phí")
    event = approved(first, LEADER, date(2026, 3, 6))                   # a Friday: 3 working days -> Wednesday
    assert event.dossier_request.next.handler_id == "lead" and event.dossier_request.type_code == "6"
    assert event.dossier_request.next.deadline == date(2026, 3, 11)
    with pytest.raises(InvalidInput):
        approved(first, Actor(id="x", unit_code="U", roles=["leader"]), date(2026, 3, 6))
