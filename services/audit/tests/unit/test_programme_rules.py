"""The programme's revision rules and the progress rule, without I/O."""
from datetime import date, datetime, timezone

import pytest
from eiso_contracts.errors import AlreadyProcessed, InvalidInput

from eiso_audit.plan.aggregate import REPORTED, Plan
from eiso_audit.programme.aggregate import APPROVED, PENDING, SUPERSEDED, Programme
from eiso_audit.programme.progress import progress

T = datetime(2026, 1, 5, tzinfo=timezone.utc)


def test_a_pending_revision_is_redrawn_in_place_and_an_unchanged_grid_is_refused():
    programme = Programme(id="p", unit_code="U", year=2026)
    first = programme.draft([(1, "a")], "", "sec", T)
    again = programme.draft([(1, "a"), (2, "b")], "", "sec", T)
    assert first is again and again.number == 1 and again.status == PENDING
    programme.approve(1, "lead", T)
    with pytest.raises(InvalidInput):
        programme.draft([(2, "b"), (1, "a")], "", "sec", T)
    second = programme.draft([(2, "b")], "", "sec", T)
    assert second.number == 2 and programme.approved.number == 1
    programme.approve(2, "lead", T)
    assert [r.status for r in programme.revisions] == [SUPERSEDED, APPROVED]
    with pytest.raises(AlreadyProcessed):
        programme.approve(2, "lead", T)


def test_progress_counts_a_cell_done_only_when_an_audit_of_that_month_and_department_reported():
    programme = Programme(id="p", unit_code="U", year=2026)
    programme.draft([(3, "a"), (3, "b"), (6, "c")], "", "sec", T)
    programme.approve(1, "lead", T)

    def audit(day, departments, status="planned"):
        return Plan(id=f"{day}-{departments}", unit_code="U", audit_date=day, department_ids=departments, scope="s",
                    criteria="c", lead_auditor_id="x", team_ids=[], planned_by="sec", planned_at=T, status=status)

    plans = [audit(date(2026, 3, 2), ["a"], REPORTED), audit(date(2026, 3, 20), ["a", "b"]),
             audit(date(2026, 7, 1), ["c"], REPORTED), audit(date(2025, 6, 1), ["c"], REPORTED)]
    states = {(m, d): s for m, d, s, _ in progress(programme.approved, 2026, plans)}
    assert states == {(3, "a"): "done", (3, "b"): "planned", (6, "c"): "scheduled"}
