"""The quality policy on the real PostgreSQL and RabbitMQ: events out as CloudEvents, workflow events in."""
from datetime import datetime

import pytest
from eiso_contracts import topology

from eiso_kit.testing.servers import queue_depth
from eiso_kit.testing.tap import EventTap

pytestmark = pytest.mark.integration

PREFIX = "vn.eiso.quality.policy"


def test_a_submitted_policy_reaches_eiso_events_as_a_cloudevent(system, samples):
    uri = system.config["AMQP_URI"]
    with EventTap(uri, routing_key=f"{PREFIX}.#") as tap:
        view = system.rpc.quality.submit_policy(samples.submit_payload())
        event = tap.wait_for(lambda e: e["data"]["policy_id"] == view["id"])
    message = tap.messages[0]
    assert message.content_type == "application/cloudevents+json"
    assert message.properties["delivery_mode"] == 2 and message.properties["message_id"] == event["id"]
    assert (event["specversion"], event["type"], event["source"], event["subject"], event["datacontenttype"]) == (
        "1.0", f"{PREFIX}.submitted.v1", "urn:eiso:local:quality", f"policy/{view['id']}", "application/json")
    request = event["data"]["dossier_request"]
    assert (request["type_code"], request["unit_code"], request["opened_by"]) == ("1", samples.unit, samples.secretary)
    assert request["artefact"]["title"] == "Chính sách chất lượng năm 2026"
    assert request["next"] == {"department_id": samples.board, "handler_id": samples.leader, "deadline": "2026-01-12"}
    # Waiting for the workflow in its durable queue, even though no workflow runs here.
    assert queue_depth(uri, topology.WORKFLOW_OPEN_DOSSIERS.queue) == 1


def test_a_repeated_submission_creates_and_announces_one_policy(system, samples):
    with EventTap(system.config["AMQP_URI"], routing_key=f"{PREFIX}.#") as tap:
        first = system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-7"))
        again = system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-7"))
        other = system.rpc.quality.submit_policy(samples.submit_payload(request_id="form-8"))
        tap.wait_for(lambda e: e["data"]["policy_id"] == other["id"])  # published in commit order
    assert again == first
    assert [e["data"]["policy_id"] for e in tap.events()] == [first["id"], other["id"]]
    assert len(system.rpc.quality.list_policies(samples.unit)) == 2


def test_the_dossier_issues_the_edited_policy_and_redeliveries_change_nothing(system, samples, dossier_of):
    envelope, quality = samples.envelope, system.rpc.quality
    with EventTap(system.config["AMQP_URI"], routing_key=f"{PREFIX}.#") as tap:
        # Last year's policy, issued.
        old = quality.submit_policy(samples.submit_payload(year=2025))
        d_old = dossier_of(old["id"], code="1-2025-1-SONGANH")
        system.publish(envelope(d_old.opened(v=1)), envelope(d_old.approved(v=2, step="approval")),
                       envelope(d_old.approved(v=3, step="issue")), envelope(d_old.completed(v=3)))
        tap.wait_for(lambda e: e["type"] == f"{PREFIX}.issued.v1" and e["data"]["policy_id"] == old["id"])

        # This year's: the leader edits the motto and statements while approving (Duyệt).
        new = quality.submit_policy(samples.submit_payload())
        d_new = dossier_of(new["id"], code="1-2026-1-SONGANH")
        edited = samples.content(motto="Chất lượng - Kỷ cương - Phục vụ",
                                 statements=("Phục vụ người dân tận tâm.", "Cải tiến liên tục."))
        opened = envelope(d_new.opened(v=1))
        approval = envelope(d_new.approved(v=2, step="approval", content=edited))
        system.publish(opened, approval)
        tap.wait_for(lambda e: e["type"] == f"{PREFIX}.revised.v1" and e["data"]["policy_id"] == new["id"])
        # "Ban hành": the action's two events, the completion first.
        completed = envelope(d_new.completed(v=3))
        system.publish(completed, envelope(d_new.approved(v=3, step="issue")))
        issued = tap.wait_for(lambda e: e["type"] == f"{PREFIX}.issued.v1" and e["data"]["policy_id"] == new["id"])

    assert issued["data"]["replaces_policy_id"] == old["id"]
    assert issued["data"]["content"] == edited.model_dump(mode="json")
    assert datetime.fromisoformat(issued["data"]["issued_at"]) == completed.time  # when the workflow completed
    in_force = quality.get_policy_in_force(samples.unit)
    assert (in_force["id"], in_force["status"], in_force["revision"]) == (new["id"], "issued", 2)
    assert (in_force["approved_by"], in_force["issued_by"]) == (samples.leader, samples.secretary)
    assert [(r["revision"], r["revised_by"], r["dossier_step"]) for r in in_force["revisions"]] == [
        (1, samples.secretary, 1), (2, samples.leader, 2)]
    assert quality.get_policy(old["id"])["status"] == "superseded"
    new_events = [e["type"].rsplit(".", 2)[-2] for e in tap.events() if e["data"]["policy_id"] == new["id"]]
    assert new_events == ["submitted", "revised", "issued"]  # approval is the workflow's fact, not restated

    # Redeliveries: the same messages again (inbox), a stale copy under a new id (already applied),
    # then a sentinel; with one worker, the sentinel applied means all before it were handled.
    before = (quality.get_policy(new["id"]), quality.get_policy(old["id"]), system.outbox(), system.audit())
    stale_copy = envelope(d_new.approved(v=2, step="approval", content=samples.content()))
    not_ours = envelope(dossier_of("doc-1", service="documents", kind="document").opened(v=1))
    sentinel = envelope(d_new.saved(v=1))
    system.publish(completed, completed, approval, stale_copy, not_ours, sentinel)
    system.wait_until(lambda: sentinel.id in system.inbox_ids(), timeout=20)
    assert not_ours.id not in system.inbox_ids()  # another service's artefact: left quietly
    after = (quality.get_policy(new["id"]), quality.get_policy(old["id"]), system.outbox(), system.audit())
    assert after == before
    assert queue_depth(system.config["AMQP_URI"], topology.QUALITY_DOSSIER_PROGRESS.dead_letter_queue) == 0
    assert system.audit_problems() == []
    actions = [action for policy_id, action in system.audit() if policy_id == new["id"]]
    assert actions == ["submitted", "dossier_opened", "approved", "dossier_approved", "issued"]


def test_returned_resubmitted_then_rejected(system, samples, dossier_of):
    envelope, quality = samples.envelope, system.rpc.quality
    policy = quality.submit_policy(samples.submit_payload())
    dossier = dossier_of(policy["id"])
    fixed = samples.content(statements=("Phục vụ người dân tận tâm.", "Tuân thủ pháp luật."))
    status = lambda: quality.get_policy(policy["id"])  # noqa: E731
    system.publish(envelope(dossier.opened(v=1)), envelope(dossier.returned(v=2, comment="Bổ sung.")))
    assert system.wait_until(lambda: status()["status_label"] == "Bổ sung")
    with EventTap(system.config["AMQP_URI"], routing_key=f"{PREFIX}.#") as tap:
        system.publish(envelope(dossier.approved(v=3, step="draft", content=fixed)))
        tap.wait_for(lambda e: e["type"] == f"{PREFIX}.revised.v1")
    assert status()["status"] == "submitted"
    system.publish(envelope(dossier.rejected(v=4, comment="Không phù hợp.")))
    assert system.wait_until(lambda: status()["status"] == "rejected")
    view = status()
    assert (view["status"], view["status_label"], view["revision"]) == ("rejected", "Không duyệt", 2)
    assert quality.get_policy_in_force(samples.unit) is None
