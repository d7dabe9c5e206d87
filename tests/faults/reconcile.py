"""After the faults: every acknowledged change exactly once, every expected event at the outside consumer,
nothing left in an outbox, nothing in a dead-letter queue, every audit chain intact."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import jsonschema
from kombu import Connection, Exchange, Queue
from sqlalchemy import MetaData, Table, create_engine, func, select, text

from eiso_contracts import catalogue, topology
from eiso_kit.db.audit import verify

OUTSIDE_QUEUE = "outside.province.consumer"


def outside_queue() -> Queue:
    """A durable queue bound to everything on eiso.events: another provincial system's view of eISO."""
    exchange = Exchange(topology.EXCHANGE, type="topic", durable=True)
    return Queue(OUTSIDE_QUEUE, exchange=exchange, routing_key="#", durable=True, auto_delete=False)


def bind_outside_consumer(amqp_uri: str) -> None:
    with Connection(amqp_uri) as connection:
        outside_queue()(connection.default_channel).declare()


def drain_outside_consumer(amqp_uri: str) -> list[dict]:
    bodies = []
    with Connection(amqp_uri) as connection:
        channel = connection.default_channel
        while (message := channel.basic_get(OUTSIDE_QUEUE, no_ack=True)) is not None:
            bodies.append(json.loads(message.body))
    return bodies


def queue_depths(amqp_uri: str, names) -> dict[str, int]:
    depths = {}
    with Connection(amqp_uri) as connection:
        for name in names:
            _, depth, _ = connection.default_channel.queue_declare(queue=name, passive=True)
            depths[name] = depth
    return depths


def _rows(url: str, sql: str, **params) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    finally:
        engine.dispose()


def outbox_left(db_urls: dict[str, str]) -> dict[str, dict[str, int]]:
    """Outbox rows not published, per service and state (empty: all out)."""
    left = {}
    for service, url in db_urls.items():
        states = dict(_rows(url, "SELECT state, count(*) FROM eiso_outbox WHERE state <> 'published' GROUP BY state"))
        if states:
            left[service] = states
    return left


def audit_problems(db_urls: dict[str, str]) -> dict[str, list[str]]:
    problems = {}
    for service, url in db_urls.items():
        engine = create_engine(url)
        try:
            table = Table("eiso_audit_log", MetaData(), autoload_with=engine)
            with engine.connect() as conn:
                found = verify(conn, table)
        finally:
            engine.dispose()
        if found:
            problems[service] = found
    return problems


def check_events(events: list[dict]) -> tuple[dict[tuple[str, str], set[str]], list[str], int]:
    """Validate each event against the catalogue; return {(type, subject): ids}, problems, duplicates."""
    problems, by_fact, seen = [], defaultdict(set), Counter()
    schemas: dict[str, dict] = {}
    for event in events:
        kind = event.get("type", "").removeprefix("vn.eiso.")
        schema_file = catalogue.CATALOGUE / "events" / f"{kind}.schema.json"
        if kind not in schemas:
            schemas[kind] = json.loads(schema_file.read_text()) if schema_file.exists() else None
        if schemas[kind] is None:
            problems.append(f"event type {kind!r} is not in the catalogue")
            continue
        try:
            jsonschema.validate(event, schemas[kind])
        except jsonschema.ValidationError as exc:
            problems.append(f"{kind} {event.get('id')}: {exc.message}")
        seen[(event["source"], event["id"])] += 1
        by_fact[(kind, event.get("subject") or "")].add(event["id"])
    duplicates = sum(count - 1 for count in seen.values())
    return by_fact, problems, duplicates


def reconcile(flows, db_urls: dict[str, str], amqp_uri: str, leader_id: str) -> dict:
    """Everything that must hold after the run; ``report["problems"]`` empty means it all does."""
    problems: list[str] = []
    acked = [f for f in flows if f.acked]
    quality, workflow = db_urls["quality"], db_urls["workflow"]
    policies = {row.id: row for row in _rows(quality, """
        SELECT p.id, p.status, p.approved_by, p.issued_at,
               (SELECT content->>'motto' FROM policy_revisions r WHERE r.policy_id = p.id ORDER BY revision LIMIT 1)
                 AS first_motto,
               (SELECT content->>'motto' FROM policy_revisions r WHERE r.policy_id = p.id
                 ORDER BY revision DESC LIMIT 1) AS motto,
               (SELECT max(revision) FROM policy_revisions r WHERE r.policy_id = p.id) AS revision
        FROM policies p""")}
    by_first_motto = Counter(row.first_motto for row in policies.values())
    dossiers = {row.artefact_id: row for row in _rows(
        workflow, "SELECT artefact_id, code, status, version FROM wf_dossiers")}
    for flow in acked:
        if by_first_motto[flow.motto] != 1:
            problems.append(f"flow {flow.n}: {by_first_motto[flow.motto]} policies submitted, acknowledged once")
        policy = policies.get(flow.policy_id)
        if policy is None:
            problems.append(f"flow {flow.n}: acknowledged policy {flow.policy_id} missing")
            continue
        if "approved" in flow.acked:
            if (policy.motto, policy.revision, policy.approved_by) != (flow.edited, 2, leader_id):
                problems.append(f"flow {flow.n}: approval with edit acknowledged but policy has motto "
                                f"{policy.motto!r}, revision {policy.revision}, approved_by {policy.approved_by}")
        if "issued" in flow.acked:
            if policy.status not in ("issued", "superseded") or policy.issued_at is None:
                problems.append(f"flow {flow.n}: issue acknowledged but policy is {policy.status}")
            dossier = dossiers.get(flow.policy_id)
            if dossier is None or (dossier.status, dossier.version) != ("completed", 3):
                problems.append(f"flow {flow.n}: dossier {dossier and dossier.code} is "
                                f"{dossier and (dossier.status, dossier.version)}, expected completed at v3")
    in_force = [p for p in policies.values() if p.status == "issued"]
    if len(in_force) > 1:
        problems.append(f"{len(in_force)} policies in force in one unit")
    if in_force and any(p.issued_at and p.issued_at > in_force[0].issued_at for p in policies.values()):
        problems.append("the policy in force is not the one the workflow completed last")

    left = outbox_left(db_urls)
    if left:
        problems.append(f"outbox rows not published: {left}")
    waiting = _rows(quality, "SELECT count(*) FROM eiso_dossier_facts WHERE applied_at IS NULL")[0][0]
    if waiting:
        problems.append(f"{waiting} dossier facts still wait in the quality service's buffer")
    dlqs = queue_depths(amqp_uri, [s.dead_letter_queue for s in topology.SUBSCRIPTIONS])
    if any(dlqs.values()):
        problems.append(f"dead-letter queues not empty: {dlqs}")
    chains = audit_problems(db_urls)
    if chains:
        problems.append(f"audit chains broken: {chains}")

    events = drain_outside_consumer(amqp_uri)
    by_fact, event_problems, duplicates = check_events(events)
    problems += event_problems
    for flow in acked:
        expect = {("quality.policy.submitted.v1", f"policy/{flow.policy_id}"): 1}
        if "approved" in flow.acked:
            expect[("quality.policy.revised.v1", f"policy/{flow.policy_id}")] = 1
        if "issued" in flow.acked:
            expect[("quality.policy.issued.v1", f"policy/{flow.policy_id}")] = 1
            expect[("workflow.dossier.completed.v1", f"dossier/{flow.code}")] = 1
            expect[("workflow.dossier.approved.v1", f"dossier/{flow.code}")] = 2
            expect[("workflow.dossier.opened.v1", f"dossier/{flow.code}")] = 1
        for fact, count in expect.items():
            if len(by_fact.get(fact, ())) != count:
                problems.append(f"flow {flow.n}: {len(by_fact.get(fact, ()))} distinct {fact[0]} for {fact[1]} "
                                f"at the outside consumer, expected {count}")
    return {
        "acknowledged_flows": len(acked),
        "acknowledged_changes": sum(len(f.acked) for f in acked),
        "events_at_outside_consumer": len(events),
        "duplicate_deliveries_at_outside_consumer": duplicates,
        "dead_letter_queues": dlqs,
        "problems": problems,
    }
