"""Context analyses through the context service's RPC: submit, read, the dossier's facts, apply; every refusal."""
import json

import pytest
from analysis_samples import AnalysisDossier, content
from eiso_contracts.errors import AuthenticationFailed, Conflict, Forbidden, InvalidInput, NotFound
from sqlalchemy import select

from eiso_context import models
from eiso_kit.testing.waiting import wait_until


def submit(running, year=2026, username="thuky", **extra):
    return running.rpc.context.submit_analysis({"actor": running.as_(username), "content": content(year),
                                                 "route": running.route(), "comment": "Kính trình", **extra})


def outbox(context_db):
    table = models.plumbing.outbox
    with context_db.connect() as connection:
        return [(row.type.removeprefix("vn.eiso."), json.loads(row.body))
                for row in connection.execute(select(table.c.type, table.c.body).order_by(table.c.seq))
                if "analysis" in row.type]


def audit(context_db):
    table = models.plumbing.audit
    with context_db.connect() as connection:
        return [(row.aggregate_id, row.action) for row in
                connection.execute(select(table.c.aggregate_id, table.c.action)
                                   .where(table.c.aggregate_type == "analysis").order_by(table.c.seq))]


def decided(running, analysis_id, status):
    return wait_until(lambda: (view := running.rpc.context.get_analysis(analysis_id, running.as_("lanhdao")))
                      ["status"] == status and view)


def test_the_secretary_submits_and_the_workflow_is_asked_for_dossier_type_10(running, context_db):
    view = submit(running)
    assert (view["status"], view["status_label"], view["year"], view["dossier_code"]) == (
        "submitted", "Chưa phê duyệt", 2026, None)
    (checked,) = running.workflow_seen
    assert checked["type_code"] == "10" and checked["artefact"]["id"] == view["id"]
    ((kind, event),) = outbox(context_db)
    assert kind == "context.analysis.submitted.v1" and event["subject"] == f"analysis/{view['id']}"
    assert event["data"]["dossier_request"] == checked and event["data"]["content"] == content()
    assert audit(context_db) == [(view["id"], "submitted")]
    assert running.rpc.context.list_analyses(running.as_("truongphong")) == [view]


def test_only_the_secretary_submits_and_a_year_holds_one_analysis(running, context_db):
    with pytest.raises(Forbidden, match="Chỉ Thư ký ISO"):
        submit(running, username="lanhdao")
    first = submit(running)
    with pytest.raises(Conflict, match="Năm 2026 đã có phân tích bối cảnh tổ chức \\(Chưa phê duyệt\\)"):
        submit(running)
    assert [a["id"] for a in running.rpc.context.list_analyses(running.as_("thuky"))] == [first["id"]]
    assert len(outbox(context_db)) == 1


@pytest.mark.parametrize("change", [
    {"content": content() | {"scope": ""}},
    {"content": content() | {"year": 1999}},
    {"route": {"department_id": "d", "handler_id": "h", "deadline": "ngày mai"}},
    {"unexpected": 1},
])
def test_bad_input_is_refused_and_stores_nothing(running, context_db, change):
    payload = {"actor": running.as_("thuky"), "content": content(), "route": running.route(), **change}
    with pytest.raises(InvalidInput, match="Dữ liệu không hợp lệ"):
        running.rpc.context.submit_analysis(payload)
    assert outbox(context_db) == []


def test_a_route_the_workflow_refuses_stores_nothing(running, context_db):
    with pytest.raises(NotFound, match="Không tìm thấy người xử lý đã chọn."):
        running.rpc.context.submit_analysis({"actor": running.as_("thuky"), "content": content(),
                                             "route": running.route(handler="nobody")})
    assert outbox(context_db) == [] and running.rpc.context.list_analyses(running.as_("thuky")) == []


def test_an_unsigned_or_altered_actor_is_refused(running, context_db):
    actor = running.as_("thuky")
    with pytest.raises(AuthenticationFailed):
        running.rpc.context.submit_analysis({"actor": dict(actor, proof=None), "content": content(),
                                             "route": running.route()})
    with pytest.raises(AuthenticationFailed):
        running.rpc.context.list_analyses(dict(actor, unit_code="KHAC"))
    assert outbox(context_db) == []


def test_another_unit_sees_nothing(running):
    view = submit(running)
    stranger = running.as_("lanhdao", unit_code="KHAC")
    with pytest.raises(NotFound, match="Không tìm thấy phân tích bối cảnh tổ chức."):
        running.rpc.context.get_analysis(view["id"], stranger)
    with pytest.raises(NotFound):
        running.rpc.context.apply_analysis(view["id"], stranger)
    assert running.rpc.context.list_analyses(stranger) == []
    assert running.rpc.context.get_applied_analysis(stranger) is None


def test_approved_in_the_dossier_then_applied_and_shown_exactly_one_at_a_time(running, context_db):
    first, second = submit(running, year=2025), submit(running, year=2026)
    one, two = AnalysisDossier(first["id"], code="10-2026-1-SONGANH"), AnalysisDossier(second["id"],
                                                                                        code="10-2026-2-SONGANH")
    running.publish(one.opened(), one.approved(), one.completed(), two.opened(), two.approved(), two.completed())
    approved = decided(running, first["id"], "approved")
    assert (approved["status_label"], approved["dossier_code"]) == ("Đã phê duyệt", "10-2026-1-SONGANH")
    assert approved["decided_by"] == one.leader
    decided(running, second["id"], "approved")

    with pytest.raises(Forbidden, match="Chỉ Lãnh đạo đơn vị"):
        running.rpc.context.apply_analysis(first["id"], running.as_("thuky"))
    leader = running.as_("lanhdao")
    applied = running.rpc.context.apply_analysis(first["id"], leader)
    assert (applied["status"], applied["status_label"], applied["applied_by"]) == ("applied", "Đang áp dụng",
                                                                                     leader["id"])
    assert running.rpc.context.apply_analysis(first["id"], leader) == applied     # again: nothing changes
    running.rpc.context.apply_analysis(second["id"], leader)
    assert running.rpc.context.get_applied_analysis(running.as_("nhanvien"))["id"] == second["id"]
    statuses = {a["id"]: a["status"] for a in running.rpc.context.list_analyses(leader)}
    assert statuses == {first["id"]: "approved", second["id"]: "applied"}

    kinds = [kind for kind, _ in outbox(context_db)]
    assert kinds == ["context.analysis.submitted.v1"] * 2 + ["context.analysis.approved.v1"] * 2 + [
        "context.analysis.applied.v1"] * 2
    applied_events = [event["data"] for kind, event in outbox(context_db) if kind.endswith("applied.v1")]
    assert [(e["analysis_id"], e["replaces_analysis_id"]) for e in applied_events] == [
        (first["id"], None), (second["id"], first["id"])]
    assert audit(context_db)[-3:] == [(first["id"], "applied"), (first["id"], "unapplied"), (second["id"], "applied")]


def test_refused_with_its_reason_then_revised_as_a_new_analysis_of_the_year(running, context_db):
    first = submit(running)
    dossier = AnalysisDossier(first["id"])
    running.publish(dossier.opened(), dossier.rejected(reason="Chưa nêu đủ các bên quan tâm"))
    refused = decided(running, first["id"], "rejected")
    assert (refused["status_label"], refused["decision_comment"]) == ("Không duyệt", "Chưa nêu đủ các bên quan tâm")
    with pytest.raises(InvalidInput, match="đã được phê duyệt"):
        running.rpc.context.apply_analysis(first["id"], running.as_("lanhdao"))
    revised = submit(running)          # the year is free again
    assert revised["id"] != first["id"] and revised["status"] == "submitted"
    (rejected,) = [event["data"] for kind, event in outbox(context_db) if kind.endswith("rejected.v1")]
    assert (rejected["reason"], rejected["dossier_code"]) == ("Chưa nêu đủ các bên quan tâm", dossier.code)


def test_an_idempotency_key_returns_the_first_analysis(running, context_db):
    first = submit(running, request_id="form-1")
    assert submit(running, request_id="form-1") == first
    assert len(outbox(context_db)) == 1
