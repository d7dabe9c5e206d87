"""The four tabs of "Kiểm soát hoạt động ISO" as queries.

- todo "Chưa xử lý": open, and the current step waits on me;
- done "Đã xử lý": open, I transferred some step (a save does not count), not waiting on me;
- following "Theo dõi": open, not waiting on me, and I took part in it or I am
  a leader / ISO secretary of the unit (they oversee every dossier of it);
- completed "Hoàn thành hồ sơ": completed or rejected, same visibility as following.

Always within the actor's unit; newest activity first.
"""
from __future__ import annotations

from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import InboxCounts, InboxQuery
from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true
from sqlalchemy.orm import Session

from .models import dossiers, participants

TABS = ("following", "todo", "done", "completed")
OVERSEERS = ("leader", "secretary")


def _took_part(actor: Actor, kind: str | None = None) -> ColumnElement[bool]:
    where = [participants.c.dossier_id == dossiers.c.id, participants.c.person_id == actor.id]
    if kind is not None:
        where.append(participants.c.kind == kind)
    return exists().where(*where)


def tab_filter(tab: str, actor: Actor) -> ColumnElement[bool]:
    d = dossiers.c
    visible = true() if actor.has_role(*OVERSEERS) else _took_part(actor)
    is_open = d.status == "open"
    not_mine = or_(d.current_handler_id.is_(None), d.current_handler_id != actor.id)
    conditions = {
        "todo": and_(is_open, d.current_handler_id == actor.id),
        "done": and_(is_open, not_mine, _took_part(actor, "acted")),
        "following": and_(is_open, not_mine, visible),
        "completed": and_(d.status.in_(("completed", "rejected")), visible),
    }
    return and_(d.unit_code == actor.unit_code, conditions[tab])


def page_ids(session: Session, query: InboxQuery) -> tuple[list[str], int]:
    """The ids of one page of a tab, and how many the tab holds in all."""
    where = tab_filter(query.tab, query.actor)
    if query.search:
        where = and_(where, or_(dossiers.c.code.icontains(query.search, autoescape=True),
                                dossiers.c.title.icontains(query.search, autoescape=True)))
    total = session.execute(select(func.count()).select_from(dossiers).where(where)).scalar_one()
    ids = session.execute(
        select(dossiers.c.id).where(where)
        .order_by(dossiers.c.last_activity_at.desc(), dossiers.c.id.desc())
        .offset((query.page - 1) * query.page_size).limit(query.page_size)
    ).scalars().all()
    return list(ids), total


def counts(session: Session, actor: Actor) -> InboxCounts:
    return InboxCounts(**{
        tab: session.execute(select(func.count()).select_from(dossiers).where(tab_filter(tab, actor))).scalar_one()
        for tab in TABS
    })
