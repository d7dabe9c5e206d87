"""The overdue scan: a step past its deadline is reported once (DossierOverdue), and shows "Trễ hạn"."""
from __future__ import annotations

from datetime import timedelta

from nameko.testing.services import entrypoint_hook
from nameko.testing.utils import get_container
from sqlalchemy import select
from workflow_fakes import VP, assign

from eiso_workflow.models import steps
from eiso_workflow.service import WorkflowService


def scan(workflow) -> int:
    with entrypoint_hook(get_container(workflow.runner, WorkflowService), "scan_overdue") as run:
        return run()


def test_a_late_step_is_reported_once(workflow):
    # An event delivered after its deadline still opens the dossier; the step is late from the start.
    late = workflow.open(artefact_id="late", deadline=workflow.today - timedelta(days=1))["code"]
    due_today = workflow.open(artefact_id="today", deadline=workflow.today)["code"]
    assert workflow.view(late, "lead")["current_step"]["timing_label"] == "Trễ hạn"
    assert workflow.view(due_today, "lead")["current_step"]["timing_label"] == "Đúng hạn"

    assert scan(workflow) == 1
    assert scan(workflow) == 0
    overdue = [e for e in workflow.tables.outbox() if e["type"] == "workflow.dossier.overdue.v1"]
    assert len(overdue) == 1 and overdue[0]["subject"] == f"dossier/{late}"
    assert overdue[0]["data"]["current"]["handler_id"] == "lead"
    assert overdue[0]["data"]["dossier"]["version"] == 1            # a report, not a change of the dossier
    assert workflow.view(late, "lead")["version"] == 1
    assert ("overdue", None) in workflow.tables.audit()
    assert workflow.tables.rows(select(steps.c.seq).where(steps.c.overdue_at.is_not(None))) == [(2,)]


def test_once_acted_on_the_step_is_no_longer_reported(workflow):
    late = workflow.open(artefact_id="late", deadline=workflow.today - timedelta(days=1))["code"]
    workflow.act("lead", "approve", late, next=assign("sec", VP, workflow.today))
    assert scan(workflow) == 0
    assert "workflow.dossier.overdue.v1" not in workflow.tables.outbox_types()
