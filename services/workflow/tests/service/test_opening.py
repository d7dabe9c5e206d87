"""Dossiers open from the owner's "submitted" event: once per event, once per open artefact."""
from __future__ import annotations

import json

from kombu import Connection
from nameko.testing.services import entrypoint_waiter
from nameko.testing.utils import get_container
from sqlalchemy import func, select
from workflow_fakes import BGD, actor, wait_until

from eiso_workflow.models import counters, dossiers
from eiso_workflow.service import WorkflowService


def test_a_submitted_policy_opens_its_dossier(workflow):
    summary = workflow.open(artefact_id="policy-1")
    year = workflow.today.year
    assert summary["code"] == f"1-{year}-1-SONGANH"
    assert (summary["status"], summary["version"], summary["type_name"], summary["title"]) == (
        "open", 1, "Lập chính sách chất lượng", "Chính sách chất lượng năm 2026")
    current = summary["current_step"]
    assert (current["number"], current["handler_id"], current["department_id"], current["state"]) == (
        2, "lead", BGD, "current")
    events = workflow.tables.outbox()
    assert [e["type"] for e in events] == ["workflow.dossier.opened.v1", "workflow.dossier.step_entered.v1"]
    assert {e["subject"] for e in events} == {f"dossier/{summary['code']}"}
    assert events[0]["data"]["dossier"]["version"] == 1 and events[0]["data"]["opened_by"] == "sec"
    assert workflow.tables.audit() == [("open", "sec")]


def test_numbers_count_per_unit_type_and_year(workflow):
    first = workflow.open(artefact_id="policy-1")
    second = workflow.open(artefact_id="policy-2")
    other_unit = workflow.open(artefact_id="policy-3", unit="KHAC", opened_by="other-sec", handler="other-lead",
                               department="dept-other")
    year = workflow.today.year
    assert [first["code"], second["code"], other_unit["code"]] == [
        f"1-{year}-1-SONGANH", f"1-{year}-2-SONGANH", f"1-{year}-1-KHAC"]
    assert workflow.tables.rows(select(counters.c.unit_code, counters.c.last_number)
                                .order_by(counters.c.unit_code)) == [("KHAC", 1), ("SONGANH", 2)]


def test_the_same_event_delivered_twice_opens_one_dossier(workflow):
    summary = workflow.open(artefact_id="policy-1")
    # Re-deliver the very message the publisher sent, as a redelivery after a lost ack would.
    event = _published_submission(workflow)
    with entrypoint_waiter(get_container(workflow.runner, WorkflowService), "open_dossier"):
        with Connection("memory://") as conn:
            conn.Producer().publish(event, exchange="eiso.events", routing_key=json.loads(event)["type"],
                                    content_type="application/cloudevents+json", content_encoding="utf-8")
    assert workflow.tables.scalar(select(func.count()).select_from(dossiers)) == 1
    assert workflow.tables.outbox_types(summary["code"]) == ["workflow.dossier.opened.v1",
                                                             "workflow.dossier.step_entered.v1"]


def test_a_second_submission_while_the_dossier_is_open_is_ignored(workflow):
    first = workflow.open(artefact_id="policy-1")
    with entrypoint_waiter(get_container(workflow.runner, WorkflowService), "open_dossier"):
        workflow.proxy.publisher.submit(_request("policy-1", workflow))
    assert workflow.tables.scalar(select(func.count()).select_from(dossiers)) == 1
    again = workflow.workflow.get_dossier_for_artefact("quality", "policy", "policy-1",
                                                       actor("sec").model_dump(mode="json"))
    assert again["code"] == first["code"]


def test_after_a_rejection_a_new_submission_opens_a_new_dossier(workflow):
    first = workflow.open(artefact_id="policy-1")
    workflow.act("lead", "reject", first["code"], comment="Viết lại")
    second = workflow.open(artefact_id="policy-1")
    assert second["code"] != first["code"] and second["status"] == "open"


def test_another_units_actor_does_not_see_the_dossier_of_an_artefact(workflow):
    workflow.open(artefact_id="policy-1")
    assert workflow.workflow.get_dossier_for_artefact("quality", "policy", "policy-1",
                                                      actor("other-lead").model_dump(mode="json")) is None
    assert workflow.workflow.get_dossier_for_artefact("quality", "policy", "nothing",
                                                      actor("sec").model_dump(mode="json")) is None


def _request(artefact_id, workflow):
    from datetime import timedelta

    from workflow_fakes import policy_request
    return policy_request(artefact_id=artefact_id, deadline=workflow.today + timedelta(days=2)).model_dump(mode="json")


def _published_submission(workflow) -> bytes:
    """The CloudEvent body the publisher put in its outbox for its first submission."""
    from workflow_fakes import Tables

    from eiso_workflow.models import plumbing
    publisher = Tables(workflow.config["DB_URIS"]["publisher"])
    try:
        body = publisher.scalar(select(plumbing.outbox.c.body).order_by(plumbing.outbox.c.seq).limit(1))
        wait_until(lambda: publisher.scalar(select(plumbing.outbox.c.state).order_by(plumbing.outbox.c.seq)
                                            .limit(1)) == "published")
    finally:
        publisher.close()
    return body.encode("utf-8")
