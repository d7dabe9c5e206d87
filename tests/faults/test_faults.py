"""The backbone under faults, all together: kill -9 of every service and of the gateway, a RabbitMQ
restart while a service is down and behind, flows running through the HTTP API the whole time. Then the
reconciliation: every acknowledged change present exactly once, every expected event at an outside
consumer, no unpublished outbox row, empty dead-letter queues, intact audit chains, and every fault
recovered from (the next successful request) within 30 s with no manual step.

The long run (10,000 transitions) is ``./eiso bench faults``.
"""
import json
import os

import pytest

import broker
import scenario

pytestmark = pytest.mark.integration


def test_nothing_acknowledged_is_lost_and_everything_recovers_by_itself(postgres_server, tmp_path):
    reason = broker.unavailable()
    if reason:
        if os.environ.get("EISO_REQUIRE_SERVERS") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    report = scenario.run(tmp_path, flows_at_least=24)
    print(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    assert report["problems"] == [], json.dumps(report, indent=1, ensure_ascii=False, default=str)
    assert report["flows_completed"] >= 24
    assert len(report["faults"]) == len(scenario.SHORT_SCHEDULE)
    assert set(report["restarts"]) >= {"quality", "workflow", "gateway", "context", "documents", "audit",
                                       "review"}
    assert all(code == 0 for code in report["exit_codes_at_stop"].values()), report["exit_codes_at_stop"]
