"""The programme's grid as the page draws it: a row per department, a cell per month, and per month who is audited."""
from __future__ import annotations

from dataclasses import dataclass

from eiso_contracts.rpc.audit import MONTHS, ProgrammeRevisionView, ProgressCell


@dataclass(frozen=True)
class Cell:
    month: int
    scheduled: bool
    state: str = ""          # progress of an approved cell: scheduled / planned / done
    state_label: str = ""
    plan_id: str | None = None


@dataclass(frozen=True)
class Row:
    department_id: str
    name: str
    cells: list[Cell]


def rows(revision: ProgrammeRevisionView | None, departments: dict, progress: list[ProgressCell] = ()) -> list[Row]:
    """One row per department of the unit (in the unit's order), twelve cells each."""
    chosen = {(e.month, e.department_id) for e in revision.entries} if revision else set()
    states = {(p.month, p.department_id): p for p in progress}
    found = []
    for department_id, department in departments.items():
        cells = []
        for month in MONTHS:
            state = states.get((month, department_id))
            cells.append(Cell(month=month, scheduled=(month, department_id) in chosen,
                              state=state.state if state else "", state_label=state.state_label if state else "",
                              plan_id=state.plan_id if state else None))
        found.append(Row(department_id=department_id, name=department.name, cells=cells))
    return found


def by_month(revision: ProgrammeRevisionView | None, departments: dict) -> dict[int, list[str]]:
    """Month -> names of the departments audited that month (what hovering or focusing the month shows)."""
    names = {month: [] for month in MONTHS}
    if revision is None:
        return names
    order = list(departments)
    for entry in sorted(revision.entries, key=lambda e: (e.month, order.index(e.department_id)
                                                         if e.department_id in order else len(order))):
        department = departments.get(entry.department_id)
        names[entry.month].append(department.name if department else entry.department_id)
    return names


def cells_of(form) -> list[dict]:
    """The ticked cells of the editing form ("<month>:<department id>") as programme entries."""
    entries = []
    for value in form.getlist("cell"):
        month, _, department_id = value.partition(":")
        if month.isdigit() and department_id:
            entries.append({"month": int(month), "department_id": department_id})
    return entries
