"""The audit programme of one unit and year: a grid of months x departments, approved revision by revision.

The secretary drafts; the leader approves ("Phê duyệt" -> "Đã phê duyệt"). A
change after an approval is a new revision that waits for approval again, and
the approved revision stays in force until then. A pending revision may be
redrawn by the secretary as often as needed before the leader decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput

PENDING = "pending"
APPROVED = "approved"
SUPERSEDED = "superseded"

Cell = tuple[int, str]   # (month, department_id)


@dataclass
class Revision:
    number: int
    status: str
    entries: tuple[Cell, ...]
    drafted_by: str
    drafted_at: datetime
    note: str = ""
    approved_by: str | None = None
    approved_at: datetime | None = None

    def departments_in(self, month: int) -> list[str]:
        return [department for m, department in self.entries if m == month]


@dataclass
class Programme:
    id: str
    unit_code: str
    year: int
    revisions: list[Revision] = field(default_factory=list)

    @property
    def approved(self) -> Revision | None:
        """The revision in force."""
        return next((r for r in reversed(self.revisions) if r.status == APPROVED), None)

    @property
    def pending(self) -> Revision | None:
        """The revision waiting for the leader, if any (always the newest)."""
        newest = self.revisions[-1] if self.revisions else None
        return newest if newest is not None and newest.status == PENDING else None

    def draft(self, entries: list[Cell], note: str, by: str, at: datetime) -> Revision:
        """Save the secretary's grid: into the pending revision, or as a new one after an approval."""
        cells = tuple(sorted(set(entries)))
        if not cells:
            raise InvalidInput("Chương trình đánh giá cần ít nhất một phòng ban trong một tháng.")
        if any(not 1 <= month <= 12 for month, _ in cells):
            raise InvalidInput("Tháng phải từ 1 đến 12.")
        pending = self.pending
        if pending is not None:
            pending.entries, pending.note, pending.drafted_by, pending.drafted_at = cells, note, by, at
            return pending
        approved = self.approved
        if approved is not None and approved.entries == cells and approved.note == note:
            raise InvalidInput("Chương trình đánh giá không thay đổi so với bản đã phê duyệt.")
        revision = Revision(number=len(self.revisions) + 1, status=PENDING, entries=cells, note=note,
                            drafted_by=by, drafted_at=at)
        self.revisions.append(revision)
        return revision

    def approve(self, number: int, by: str, at: datetime) -> tuple[Revision, Revision | None]:
        """Phê duyệt the pending revision the leader saw; returns it and the revision it replaces."""
        pending = self.pending
        if pending is None:
            raise AlreadyProcessed(f"Chương trình đánh giá năm {self.year} không có bản nào chờ phê duyệt "
                                   "(có thể đã được phê duyệt).")
        if pending.number != number:
            raise AlreadyProcessed(f"Chương trình đánh giá năm {self.year} vừa được Thư ký ISO sửa (lần {pending.number}); "
                                   "vui lòng xem lại trước khi phê duyệt.")
        replaced = self.approved
        if replaced is not None:
            replaced.status = SUPERSEDED
        pending.status, pending.approved_by, pending.approved_at = APPROVED, by, at
        return pending, replaced

    def snapshot(self) -> dict:
        return {"year": self.year, "revisions": [
            {"revision": r.number, "status": r.status, "entries": [list(c) for c in r.entries], "note": r.note,
             "approved_by": r.approved_by} for r in self.revisions]}


def may_draft(actor) -> None:
    if not actor.has_role("secretary"):
        raise Forbidden("Chỉ Thư ký ISO được lập chương trình đánh giá nội bộ.")


def may_approve(actor) -> None:
    if not actor.has_role("leader"):
        raise Forbidden("Chỉ Lãnh đạo đơn vị được phê duyệt chương trình đánh giá nội bộ.")
