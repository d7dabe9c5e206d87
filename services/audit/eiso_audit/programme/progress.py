"""Progress of the programme, planned against done: where each cell of the approved grid stands."""
from __future__ import annotations

from collections.abc import Iterable

from ..plan.aggregate import REPORTED, Plan
from .aggregate import Revision

SCHEDULED, PLANNED, DONE = "scheduled", "planned", "done"


def progress(revision: Revision | None, year: int, plans: Iterable[Plan]) -> list[tuple[int, str, str, str | None]]:
    """(month, department, state, plan id) per cell: done once an audit of that month and department reported,
    planned once one is planned, else scheduled."""
    if revision is None:
        return []
    of_cell: dict[tuple[int, str], Plan] = {}
    for plan in sorted((p for p in plans if p.year == year), key=lambda p: (p.status != REPORTED, p.audit_date)):
        for department in plan.department_ids:
            of_cell.setdefault((plan.month, department), plan)
    cells = []
    for month, department in revision.entries:
        plan = of_cell.get((month, department))
        state = SCHEDULED if plan is None else DONE if plan.status == REPORTED else PLANNED
        cells.append((month, department, state, plan.id if plan else None))
    return cells
