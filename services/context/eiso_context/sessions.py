"""Checking and ending sessions (the rules: ``domain/sessions.py``).

``check`` is asked by the gateway on every request, so it only reads: one row by its primary key
and the person. Ending writes, in one transaction, with an audit entry.
"""
from __future__ import annotations

import logging
from datetime import datetime

from eiso_contracts.errors import AuthenticationFailed
from eiso_contracts.rpc.context import PersonView, SessionsEnded
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess

from . import repository
from .domain import sessions as rules

log = logging.getLogger(__name__)


def check(db: DatabaseAccess, token: str, *, now: datetime | None = None) -> PersonView:
    """The person of an open session, as the directory has them now; ``AuthenticationFailed`` when
    the session was ended, has expired, or its person is no longer active."""
    now = now or utcnow()
    with db.read() as session:
        found = repository.open_session(session, rules.token_hash(token))
        person = repository.person(session, found.person_id) if found else None
    if found is None or not rules.still_open(found.expires_at, now) or person is None or not person.active:
        raise AuthenticationFailed(rules.ENDED)
    return person


def end_all(db: DatabaseAccess, token: str) -> SessionsEnded:
    """Signing out: every session of the person ``token`` belongs to ends (browsers and API tokens).
    An unknown or already ended token ends nothing."""
    with db.transaction() as tx:
        found = repository.open_session(tx.session, rules.token_hash(token))
        if found is None:
            return SessionsEnded(ended=0)
        ended = repository.end_sessions(tx.session, found.person_id)
        tx.audit("person", found.person_id, "signed_out", found.person_id, after={"sessions_ended": ended})
    return SessionsEnded(ended=ended)


def forget_expired(db: DatabaseAccess, *, now: datetime | None = None) -> int:
    """Delete the rows of sessions past their end (a timer runs this; each copy may, it is idempotent)."""
    with db.transaction() as tx:
        removed = repository.delete_expired_sessions(tx.session, now or utcnow())
    if removed:
        log.info("forgot %d expired sessions", removed)
    return removed
