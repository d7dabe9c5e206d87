"""The audit cases the gateway relies on, against its fake (``gateway/tests/fakes/audit.py``) and the real
audit service (nameko over the in-memory bus and SQLite, its directory played from the fakes' seed), through
the gateway's own client: the same answers and the same refusals, so the fake cannot drift."""
from __future__ import annotations

from datetime import date

import pytest
from contract_backends import SEED, actor_of
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput, NotFound
from nameko.rpc import rpc


YEAR = date.today().year


class DirectoryStandIn:
    """The context service as the audit service uses it, answering from the fakes' seed."""

    name = "context"

    @rpc
    def list_departments(self, unit_code):
        return SEED.call("context", "list_departments", unit_code)

    @rpc
    def get_people(self, person_ids):
        return SEED.call("context", "get_people", person_ids)

    @rpc
    def get_unit(self, code):
        return SEED.call("context", "get_unit", code)


@pytest.fixture(params=["fake", "real"])
def audit(request, tmp_path):
    from eiso_gateway.clients import AuditClient

    if request.param == "fake":
        from fakes import FakeServices

        yield AuditClient(FakeServices())
        return
    from eiso_audit.service import AuditService
    from eiso_gateway.rpc import NamekoRpc
    from eiso_kit.config import nameko_config

    request.getfixturevalue("memory_bus")
    config = nameko_config(request.getfixturevalue("make_settings")())
    request.getfixturevalue("run_services")(config, AuditService, DirectoryStandIn)
    port = NamekoRpc(config, size=2, timeout=10)
    yield AuditClient(port)
    port.close()


SECRETARY, LEADER, AUDITOR, OTHER = "p-secretary", "p-leader", "p-auditor", "x-person"  # signed at each use


def test_programme_revisions_and_approval(audit):
    assert audit.get_programme(actor_of(LEADER), YEAR) is None
    with pytest.raises(Forbidden):
        audit.draft_programme(actor_of(LEADER), YEAR, [{"month": 3, "department_id": "d-khoahoc"}])
    with pytest.raises(InvalidInput):
        audit.draft_programme(actor_of(SECRETARY), YEAR, [{"month": 3, "department_id": "x-other"}])
    pending = audit.draft_programme(actor_of(SECRETARY), YEAR, [{"month": 3, "department_id": "d-khoahoc"}])
    assert (pending.pending.revision, pending.pending.status_label, pending.approved) == (1, "Chờ phê duyệt", None)
    with pytest.raises(Forbidden):
        audit.approve_programme(actor_of(SECRETARY), YEAR, 1)
    approved = audit.approve_programme(actor_of(LEADER), YEAR, 1)
    assert approved.approved.status_label == "Đã phê duyệt" and approved.pending is None
    with pytest.raises(AlreadyProcessed):
        audit.approve_programme(actor_of(LEADER), YEAR, 1)
    again = audit.draft_programme(actor_of(SECRETARY), YEAR, [{"month": 4, "department_id": "d-vp"}])
    assert again.pending.revision == 2 and again.approved.revision == 1
    assert audit.get_programme(actor_of(OTHER), YEAR) is None


def test_plans_follow_the_programme_and_the_team_rule_and_findings_come_from_the_team(audit):
    plan = {"audit_date": date(YEAR, 3, 12), "department_ids": ["d-khoahoc"], "scope": "Cấp phép",
            "criteria": "TCVN ISO 9001:2015", "lead_auditor_id": "p-auditor", "team_ids": [], "checklist": []}
    with pytest.raises(InvalidInput, match="chưa được phê duyệt"):
        audit.plan_audit(actor_of(AUDITOR), **plan)
    audit.draft_programme(actor_of(SECRETARY), YEAR, [{"month": 3, "department_id": "d-khoahoc"}])
    audit.approve_programme(actor_of(LEADER), YEAR, 1)
    with pytest.raises(InvalidInput, match="không được đánh giá phòng ban của chính mình"):
        audit.plan_audit(actor_of(AUDITOR), **{**plan, "department_ids": ["d-thanhtra"]})
    with pytest.raises(InvalidInput, match="Đánh giá viên nội bộ"):
        audit.plan_audit(actor_of(AUDITOR), **{**plan, "lead_auditor_id": "p-head"})
    created = audit.plan_audit(actor_of(AUDITOR), **plan)
    assert created.status_label == "Đã lập kế hoạch" and created.month == 3
    finding = {"plan_id": created.id, "kind": "nonconformity", "clause": "7.5.3", "department_id": "d-khoahoc",
               "description": "Thiếu danh mục", "evidence": "5 hồ sơ"}
    with pytest.raises(Forbidden):
        audit.record_finding(actor_of(SECRETARY), **finding)
    recorded = audit.record_finding(actor_of(AUDITOR), **finding)
    assert (recorded.number, recorded.kind_label) == (1, "Điểm không phù hợp")
    assert [f.id for f in audit.get_audit(actor_of(LEADER), created.id).findings] == [recorded.id]
    with pytest.raises(NotFound):
        audit.get_audit(actor_of(OTHER), created.id)
    assert audit.list_audits(actor_of(OTHER), YEAR) == []
