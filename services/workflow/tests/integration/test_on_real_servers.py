"""The workflow on PostgreSQL + RabbitMQ: opened by a real event, moved by real RPC, observed from outside."""
from __future__ import annotations

import time
from datetime import timedelta

import eventlet
import pytest
from eiso_contracts.errors import AlreadyProcessed, Forbidden, NotFound
from nameko.standalone.rpc import ClusterRpcProxy
from nameko.testing.services import entrypoint_hook
from nameko.testing.utils import get_container
from sqlalchemy import func, select
from workflow_fakes import BGD, VP, FakeContext, FakeDocuments, Publisher, Tables, actor, assign, policy_request, wait_until

from eiso_kit.testing.tap import EventTap
from eiso_workflow import repository as repository_module
from eiso_workflow.domain.dossier import CLOSED, STALE
from eiso_workflow.models import dossiers, steps
from eiso_workflow.service import WorkflowService

pytestmark = pytest.mark.integration
WORKFLOW_EVENTS = "vn.eiso.workflow.#"


def submit(proxy, today, **kwargs) -> str:
    """Submit like the quality service (an outbox event over RabbitMQ); wait for the dossier; return its code."""
    kwargs.setdefault("deadline", today + timedelta(days=3))
    request = policy_request(**kwargs)
    proxy.publisher.submit(request.model_dump(mode="json"))
    who = actor(request.opened_by).model_dump(mode="json")
    return wait_until(lambda: proxy.workflow.get_dossier_for_artefact("quality", "policy", request.artefact.id,
                                                                      who))["code"]


def act(proxy, person, action, code, version, next=None, **fields):
    payload = {"code": code, "actor": actor(person).model_dump(mode="json"), "expected_version": version,
               "action": action, **fields}
    if next is not None:
        payload["next"] = next.model_dump(mode="json")
    return proxy.workflow.act(payload)


def test_policy_dossier_opened_by_an_event_and_carried_to_completion(system):
    system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    with EventTap(system.config["AMQP_URI"], routing_key=WORKFLOW_EVENTS) as tap, \
            ClusterRpcProxy(system.config) as proxy:
        code = submit(proxy, system.today)
        tap.wait_for(lambda e: e["type"].endswith("step_entered.v1"))
        act(proxy, "lead", "approve", code, 1, next=assign("sec", VP, system.today), comment="Duyệt",
            content={"year": 2026, "motto": "Chất lượng - Hiệu quả", "statements": ["Phục vụ người dân"]})
        done = act(proxy, "sec", "approve", code, 2, comment="Ban hành")
        assert done["status"] == "completed"
        tap.wait_for(lambda e: e["type"].endswith("completed.v1"))
    events = [e for e in tap.events() if e["subject"] == f"dossier/{code}"]
    assert [e["type"] for e in events] == [f"vn.eiso.workflow.dossier.{t}.v1" for t in (
        "opened", "step_entered", "approved", "step_entered", "approved", "completed")]
    assert {e["source"] for e in events} == {"urn:eiso:local:workflow"}
    approved = events[2]["data"]
    assert approved["content"]["motto"] == "Chất lượng - Hiệu quả" and approved["next"]["handler_id"] == "sec"
    assert [e["data"]["dossier"]["version"] for e in events] == [1, 1, 2, 2, 3, 3]


def _two_windows(system, monkeypatch, hold):
    """The leader submits from two windows at once with the same version: approve in one, reject in the other.

    ``hold(first_arrival)`` runs inside the FIRST submission's transaction right after it read the dossier
    row, before it reads the steps: the moment the other submission may commit in between.
    """
    with ClusterRpcProxy(system.config) as proxy:
        code = submit(proxy, system.today)
        tables = Tables(system.config["DB_URIS"]["workflow"])
        original = repository_module._assemble
        loads: dict = {}   # worker (green thread) -> how many times it assembled this dossier
        held = []

        def assemble_with_a_pause(session, rows):
            rows = list(rows)
            if rows and getattr(rows[0], "code", None) == code:
                worker = eventlet.getcurrent()
                loads[worker] = loads.get(worker, 0) + 1
                if loads[worker] == 2 and not held:  # an action's 2nd load is the one in its transaction
                    held.append(worker)
                    hold()
            return original(session, rows)

        monkeypatch.setattr(repository_module, "_assemble", assemble_with_a_pause)

        def window(action, **fields):
            with ClusterRpcProxy(system.config) as own:
                try:
                    return act(own, "lead", action, code, 1, **fields)["status"]
                except (AlreadyProcessed, Forbidden) as exc:
                    return exc

        # The rejection arrives first; the approval would move the dossier to step 3 (handler "sec").
        reject = eventlet.spawn(window, "reject", comment="Không duyệt")
        eventlet.sleep(0.3)
        approve = eventlet.spawn(window, "approve", next=assign("sec", VP, system.today))
        outcomes = [approve.wait(), reject.wait()]
    return code, tables, outcomes


def _one_wins_the_other_is_told_already_processed(code, tables, outcomes):
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert isinstance(losers[0], AlreadyProcessed), f"the loser must get 409, not {losers[0]!r}"
    assert losers[0].message in (STALE, CLOSED)
    assert tables.scalar(select(dossiers.c.version).where(dossiers.c.code == code)) == 2
    moved = [t for t in tables.outbox_types(code) if t.endswith(("approved.v1", "rejected.v1"))]
    assert len(moved) == 1
    assert [a for a, _ in tables.audit()] == ["open", "approve" if winners[0] == "open" else "reject"]
    tables.close()


def test_two_people_acting_on_the_same_step_at_once_one_wins(system, monkeypatch):
    system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    _one_wins_the_other_is_told_already_processed(*_two_windows(system, monkeypatch, hold=lambda: None))


def test_a_commit_between_reading_the_dossier_and_its_steps_still_gives_409(system, monkeypatch):
    """Issue 5, finding 4: the loser once read the old version with the new step's handler and got 403.

    The first submission pauses after reading the dossier row (up to 3 s, or until the other one has
    committed). Without the row lock the other commits in that pause and the first one sees version 1
    with the step 3 handler: "not the handler". With it, the other waits for the first: one wins, 409.
    """
    system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    tables = Tables(system.config["DB_URIS"]["workflow"])

    def hold():
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and tables.scalar(
                select(func.max(dossiers.c.version))) == 1:
            eventlet.sleep(0.05)

    _one_wins_the_other_is_told_already_processed(*_two_windows(system, monkeypatch, hold=hold))
    tables.close()


def test_the_same_keyed_action_delivered_twice_at_once_is_applied_once_and_both_get_its_answer(system, monkeypatch):
    """Found by the long fault run: a broker restart redelivered the leader's keyed approval while the gateway
    sent it again. Neither copy found the other's key at the start; the second waited on the row lock, then
    saw the new version and answered 409 for an action that had been applied. The first copy here pauses
    inside its transaction until the second has started."""
    system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    with ClusterRpcProxy(system.config) as proxy:
        code = submit(proxy, system.today)
    tables = Tables(system.config["DB_URIS"]["workflow"])
    original, held = repository_module._assemble, []

    def assemble_with_a_pause(session, rows):
        rows = list(rows)
        if rows and getattr(rows[0], "code", None) == code and session.in_transaction() and not held:
            held.append(eventlet.getcurrent())
            eventlet.sleep(1.0)  # the other copy arrives meanwhile (0.3 s after this one)
        return original(session, rows)

    monkeypatch.setattr(repository_module, "_assemble", assemble_with_a_pause)

    def copy():
        with ClusterRpcProxy(system.config) as own:
            try:
                return act(own, "lead", "approve", code, 1, next=assign("sec", VP, system.today),
                           request_id="duyet-1")
            except AlreadyProcessed as exc:
                return exc

    first = eventlet.spawn(copy)
    eventlet.sleep(0.3)
    second = eventlet.spawn(copy)
    answers = [first.wait(), second.wait()]
    assert all(not isinstance(a, Exception) for a in answers), answers
    assert {a["version"] for a in answers} == {2}
    assert [a for a, _ in tables.audit()] == ["open", "approve"]
    assert len([t for t in tables.outbox_types(code) if t.endswith("approved.v1")]) == 1
    tables.close()


def test_a_non_handler_is_forbidden_and_nothing_changes(system):
    system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    tables = Tables(system.config["DB_URIS"]["workflow"])

    def state(code):
        return (tables.rows(select(dossiers).where(dossiers.c.code == code)), tables.rows(select(steps)),
                [(e["type"], e["data"]) for e in tables.outbox()], tables.audit())

    with ClusterRpcProxy(system.config) as proxy:
        code = submit(proxy, system.today)
        before = state(code)
        for person in ("sec", "lead2"):  # they see the dossier (its opener, a leader) but do not handle it
            with pytest.raises(Forbidden, match="Bạn không phải người xử lý bước này của hồ sơ."):
                act(proxy, person, "approve", code, 1, next=assign("sec", VP, system.today))
        with pytest.raises(NotFound):  # staff who take no part in it do not even see it
            act(proxy, "staff", "approve", code, 1, next=assign("sec", VP, system.today))
        assert state(code) == before
        assert proxy.workflow.get_dossier(code, actor("lead").model_dump(mode="json"))["version"] == 1
    tables.close()


def test_overdue_is_emitted_once_with_two_copies_of_the_service(system):
    first = system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    second = system(WorkflowService)        # a second copy on the same database and vhost
    with EventTap(system.config["AMQP_URI"], routing_key="vn.eiso.workflow.dossier.overdue.v1") as tap, \
            ClusterRpcProxy(system.config) as proxy:
        yesterday = system.today - timedelta(days=1)
        codes = {submit(proxy, system.today, artefact_id=f"late-{i}", deadline=yesterday) for i in range(3)}
        submit(proxy, system.today, artefact_id="in-time", deadline=system.today)

        def scan(runner):
            with entrypoint_hook(get_container(runner, WorkflowService), "scan_overdue") as run:
                return run()

        # One scan per copy at a time (a test hook reports the first worker of its container to finish).
        for round_ in range(2):
            copies = [eventlet.spawn(scan, runner) for runner in (first, second)]
            flagged = [c.wait() for c in copies]
            assert sum(flagged) == (3 if round_ == 0 else 0)
        tap.wait_for(lambda e: len(tap.messages) >= 3)
        tap.drain(1.0)  # room for a duplicate to arrive
    assert sorted(e["subject"] for e in tap.events()) == sorted(f"dossier/{c}" for c in codes)
    tables = Tables(system.config["DB_URIS"]["workflow"])
    assert tables.outbox_types().count("workflow.dossier.overdue.v1") == 3
    assert [a for a, _ in tables.audit()].count("overdue") == 3
    tables.close()


def test_concurrent_openings_get_distinct_numbers(system):
    system(WorkflowService, FakeContext, FakeDocuments, Publisher)
    system(WorkflowService)
    with ClusterRpcProxy(system.config) as proxy:
        for i in range(8):
            request = policy_request(artefact_id=f"p-{i}", deadline=system.today, handler="lead" if i % 2 else "lead2",
                                     department=BGD)
            proxy.publisher.submit(request.model_dump(mode="json"))
        tables = Tables(system.config["DB_URIS"]["workflow"])
        rows = wait_until(lambda: (found := tables.rows(select(dossiers.c.number, dossiers.c.code)))
                          and len(found) == 8 and found)
        tables.close()
    assert sorted(number for number, _ in rows) == list(range(1, 9))
    assert len({code for _, code in rows}) == 8
