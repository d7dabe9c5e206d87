"""QualityService in a container: RPC answers, typed errors, events applied from the bus."""
import json

import pytest
from eiso_contracts.errors import AuthenticationFailed, Forbidden, IdempotencyKeyReused, InvalidInput, NotFound, ServiceUnavailable

from eiso_kit.events.subscribe import ERROR_HEADER
from eiso_kit.testing.actors import signed

SUBMITTED = "vn.eiso.quality.policy.submitted.v1"


def test_health_reports_the_database(system):
    assert system.rpc.quality.health() == {"service": "quality", "status": "ok",
                                           "checks": {"database": "ok", "dossiers": "ok"}}


def test_the_secretary_submits_a_policy(system, samples, fake_workflow):
    view = system.rpc.quality.submit_policy(samples.submit_payload())
    assert (view["status"], view["status_label"], view["revision"]) == ("submitted", "Trình duyệt", 1)
    assert view["content"] == samples.content().model_dump(mode="json")
    assert view["submitted_by"] == samples.secretary and view["dossier_code"] is None
    assert [r["dossier_step"] for r in view["revisions"]] == [1]
    (checked,) = fake_workflow.seen  # asked before anything was stored
    assert checked["artefact"] == {"service": "quality", "kind": "policy", "id": view["id"],
                                   "title": "Chính sách chất lượng năm 2026"}
    ((type_, body),) = system.outbox()
    event = json.loads(body)
    assert type_ == SUBMITTED and event["subject"] == f"policy/{view['id']}"
    assert event["data"]["dossier_request"] == checked
    assert system.audit() == [(view["id"], "submitted")]
    assert system.rpc.quality.get_policy(view["id"]) == view


def test_only_the_secretary_may_submit(system, samples):
    with pytest.raises(Forbidden) as raised:
        system.rpc.quality.submit_policy(samples.submit_payload(actor_roles=("leader",)))
    assert raised.value.message == "Chỉ Thư ký ISO được lập chính sách chất lượng."
    assert system.outbox() == []


@pytest.mark.parametrize("change", [
    {"content": {"year": 2026, "motto": "", "statements": ["x"]}},
    {"route": {"department_id": "d", "handler_id": "h", "deadline": "ngày mai"}},
    {"unexpected": 1},
])
def test_bad_input_is_invalid_input(system, samples, change):
    with pytest.raises(InvalidInput) as raised:
        system.rpc.quality.submit_policy({**samples.submit_payload(), **change})
    assert raised.value.message.startswith("Dữ liệu không hợp lệ")


def test_a_route_the_workflow_refuses_stores_nothing(system, samples):
    with pytest.raises(NotFound) as raised:
        system.rpc.quality.submit_policy(samples.submit_payload(handler="nobody"))
    assert raised.value.message == "Không tìm thấy người xử lý đã chọn."
    assert system.rpc.quality.list_policies(samples.unit) == [] and system.outbox() == []


def test_an_idempotency_key_returns_the_first_policy_to_its_own_sender_only(system, samples):
    first = system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-42"))
    again = system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-42"))
    beside = system.rpc.quality.submit_policy(samples.submit_payload(), request_id="form-42")  # as the gateway sends
    assert again == first == beside
    # Issue 6, finding 5: another secretary's key is hers alone (her draft is not dropped) ...
    colleague = samples.submit_payload(request_id="form-42")
    colleague["actor"] = signed(dict(colleague["actor"], id="u-thuky-2"))
    theirs = system.rpc.quality.submit_policy(colleague)
    assert theirs["id"] != first["id"] and theirs["submitted_by"] == "u-thuky-2"
    # ... and the same key with other content is refused, not answered with the first policy.
    with pytest.raises(IdempotencyKeyReused) as raised:
        system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-42", year=2025))
    assert raised.value.status == 422 and "nội dung khác" in raised.value.message
    without_key = system.rpc.quality.submit_policy(samples.submit_payload())
    assert len({first["id"], theirs["id"], without_key["id"]}) == 3
    assert system.outbox_types() == [SUBMITTED] * 3
    with pytest.raises(InvalidInput):
        system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-42"), request_id="form-43")


def test_reads_answer_typed_errors_and_list_newest_first(system, samples):
    with pytest.raises(NotFound) as raised:
        system.rpc.quality.get_policy("khong-co")
    assert raised.value.message == "Không tìm thấy chính sách chất lượng."
    for bad in (123, "", None):
        with pytest.raises(InvalidInput):
            system.rpc.quality.get_policy(bad)
    with pytest.raises(InvalidInput):
        system.rpc._proxy.quality.list_policies(["SONGANH"])  # not an actor
    with pytest.raises(AuthenticationFailed):                 # an actor the gateway did not sign
        system.rpc._proxy.quality.list_policies({"id": "u-x", "unit_code": "SONGANH"})
    older = system.rpc.quality.submit_policy(samples.submit_payload(year=2025))
    newer = system.rpc.quality.submit_policy(samples.submit_payload(year=2026))
    listed = system.rpc.quality.list_policies(samples.unit)
    assert [p["id"] for p in listed] == [newer["id"], older["id"]]
    assert listed[0]["revisions"] == []
    assert system.rpc.quality.list_policies("KHAC") == []
    with pytest.raises(NotFound):  # another unit's policy is not found (issue 7)
        system.rpc.quality.get_policy(newer["id"], unit="KHAC")
    assert system.rpc.quality.get_policy_in_force(samples.unit) is None


def test_the_dossier_moves_the_policy_until_it_is_issued_and_supersedes_the_previous(
        system, samples, dossier_of):
    envelope = samples.envelope
    old = system.rpc.quality.submit_policy(samples.submit_payload(year=2025))
    d_old = dossier_of(old["id"], code="1-2025-1-SONGANH")
    system.publish(envelope(d_old.opened(v=1)), envelope(d_old.approved(v=2, step="approval")),
                   envelope(d_old.approved(v=3, step="issue")), envelope(d_old.completed(v=3)))
    system.wait_until(lambda: system.rpc.quality.get_policy(old["id"])["status"] == "issued")

    new = system.rpc.quality.submit_policy(samples.submit_payload())
    d_new = dossier_of(new["id"], code="1-2026-1-SONGANH")
    edited = samples.content(motto="Chất lượng - Kỷ cương - Phục vụ")
    system.publish(envelope(d_new.opened(v=1)), envelope(d_new.approved(v=2, step="approval", content=edited)))
    approved = system.wait_until(lambda: (p := system.rpc.quality.get_policy(new["id"]))["status"] == "approved"
                                 and p)
    assert (approved["revision"], approved["approved_by"], approved["dossier_code"]) == (
        2, samples.leader, "1-2026-1-SONGANH")
    assert approved["content"]["motto"] == "Chất lượng - Kỷ cương - Phục vụ"
    # The last action's two events, completion first.
    system.publish(envelope(d_new.completed(v=3)), envelope(d_new.approved(v=3, step="issue")))
    issued = system.wait_until(lambda: (p := system.rpc.quality.get_policy_in_force(samples.unit))
                               and p["id"] == new["id"] and p)
    assert (issued["status_label"], issued["revision"], issued["issued_by"]) == ("Đang áp dụng", 2, samples.secretary)
    superseded = system.rpc.quality.get_policy(old["id"])
    assert (superseded["status"], superseded["status_label"]) == ("superseded", "Hết hiệu lực")
    types = [t.rsplit(".", 2)[-2] for t in system.outbox_types()]
    assert types == ["submitted", "issued", "submitted", "revised", "issued"]
    last_issued = json.loads(system.outbox()[-1][1])["data"]
    assert last_issued["replaces_policy_id"] == old["id"]
    assert (new["id"], "issued") in system.audit() and (old["id"], "superseded") in system.audit()


def test_an_event_about_an_unknown_policy_ends_in_the_dead_letter_queue(system, samples, dossier_of):
    from kombu import Connection
    from eiso_contracts import topology

    event = samples.envelope(dossier_of("unknown").opened(v=1))
    system.publish(event)
    queue = topology.QUALITY_DOSSIER_PROGRESS.dead_letter_queue

    def parked():
        with Connection(system.config["AMQP_URI"]) as connection:
            message = connection.default_channel.basic_get(queue, no_ack=True)
            return message
    message = system.wait_until(parked)
    assert json.loads(message.body)["id"] == event.id
    assert "unknown" in message.headers[ERROR_HEADER]
    assert event.id not in system.inbox_ids()


def test_an_unexpected_workflow_failure_is_a_typed_error(system, samples, fake_workflow, monkeypatch):
    def broken(self, request):
        raise RuntimeError("boom")
    monkeypatch.setattr(fake_workflow, "validate_request", broken)  # workers are made from the class per call
    with pytest.raises(ServiceUnavailable) as raised:
        system.rpc.quality.submit_policy(samples.submit_payload())
    assert raised.value.status == 503
    assert raised.value.message.startswith("Chưa trình được chính sách")
    assert system.rpc.quality.list_policies(samples.unit) == [] and system.outbox() == []
