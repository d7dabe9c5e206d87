"""Reading dossiers for a person: one snapshot, and only what that person may see."""
from __future__ import annotations

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.workflow import ArtefactDossierQuery, DossierQuery, InboxPage, InboxQuery
from sqlalchemy.orm import Session

from . import inbox as inboxes
from . import repository
from .domain.code import normalise_code
from .domain.dossier import Dossier
from .domain.views import dossier_view, summary


def visible(session: Session, code: str, actor: Actor, lock: bool = False) -> Dossier:
    """The dossier if this person may see it; NotFound otherwise (another unit's, or one they take no part
    in without a unit-wide role: its existence is not confirmed either)."""
    dossier = repository.load(session, code=normalise_code(code), lock=lock)
    if dossier is None or not dossier.visible_to(actor):
        raise NotFound(f"Không tìm thấy hồ sơ {code}.")
    return dossier


def dossier(db, clock, query: DossierQuery):
    with db.read() as session:
        found = visible(session, query.code, query.actor)
    return dossier_view(found, query.actor, today=clock.today(), tz=clock.tz)


def for_artefact(db, clock, query: ArtefactDossierQuery):
    """The latest dossier about an artefact that the person may see (summary), or None."""
    with db.read() as session:
        found = repository.latest_for_artefact(session, query.service, query.kind, query.artefact_id,
                                               unit_code=query.actor.unit_code)
    if found is None or not found.visible_to(query.actor):
        return None
    return summary(found, today=clock.today(), tz=clock.tz)


def inbox(db, clock, query: InboxQuery) -> InboxPage:
    today, tz = clock.today(), clock.tz
    with db.read() as session:
        ids, total = inboxes.page_ids(session, query)
        items = repository.load_many(session, ids)
        counts = inboxes.counts(session, query.actor)
    return InboxPage(tab=query.tab, items=[summary(d, today=today, tz=tz) for d in items], total=total,
                     page=query.page, page_size=query.page_size, counts=counts)


def counts(db, actor: Actor):
    with db.read() as session:
        return inboxes.counts(session, actor)
