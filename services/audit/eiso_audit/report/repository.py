"""The issued report of an audit: its Word document and what the plan page shows of it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..models import reports


@dataclass(frozen=True)
class Report:
    plan_id: str
    file_name: str
    size: int
    sha256: str
    conclusion: str
    issued_by: str
    issued_at: datetime
    content: bytes | None = None   # loaded only to be downloaded


def add(session: Session, report: Report) -> None:
    session.execute(insert(reports).values(plan_id=report.plan_id, file_name=report.file_name, content=report.content,
                                           size=report.size, sha256=report.sha256, conclusion=report.conclusion,
                                           issued_by=report.issued_by, issued_at=report.issued_at))


def of_plan(session: Session, plan_id: str, with_content: bool = False) -> Report | None:
    columns = [c for c in reports.c if with_content or c.name != "content"]
    row = session.execute(select(*columns).where(reports.c.plan_id == plan_id)).first()
    if row is None:
        return None
    return Report(**row._asdict()) if with_content else Report(**row._asdict(), content=None)
