"""Signing in (checking a password, opening a session) and changing one's own password.

The password is checked outside any transaction (Argon2 is slow on purpose, and runs off the event
loop: ``hashing_gate``). What the check means is decided afterwards, in one short transaction that
locks the person's row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers) and looks
again: a matching password signs in only if the person's credentials are still the ones it was
checked against (same ``credentials_version``: no change, reset or deactivation meanwhile; a re-hash
of the same password does not count) and the person is active. The session is opened in that same
transaction, so a deactivation that commits first leaves no session behind.

Failed attempts leave no row (no lock that a stranger could set on someone else's account, no row
per typed username): the gateway limits attempts per client address and per account before a
password is ever checked, and answers 429 with ``Retry-After`` (gateway/eiso_gateway/ratelimit.py).
A refusal is one line in the log.
"""
from __future__ import annotations

import logging
from datetime import datetime

from eiso_contracts.errors import AuthenticationFailed, Forbidden, NotFound
from eiso_contracts.rpc.context import ChangePassword, Credentials, PersonView, SessionStarted, StartSession
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess

from . import repository
from .domain import passwords, usernames
from .domain import sessions as session_rules
from .domain.passwords import Passwords
from .hashing_gate import HashingGate
from .messages import UNKNOWN_PERSON
from .repository import Login

log = logging.getLogger(__name__)

WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."
WRONG_CURRENT_PASSWORD = "Mật khẩu hiện tại không đúng."
INACTIVE = "Tài khoản của bạn đã bị vô hiệu hóa."

PASSWORDS = Passwords(run=HashingGate().run)


def authenticate(db: DatabaseAccess, credentials: Credentials, *, now: datetime | None = None,
                 hashing: Passwords = PASSWORDS) -> PersonView:
    """The person these credentials belong to, or ``AuthenticationFailed`` (one message for an
    unknown name, a wrong password and a deactivated account). Opens no session."""
    person, _ = _sign_in(db, credentials.username, credentials.password, None, now or utcnow(), hashing)
    return person


def start_session(db: DatabaseAccess, cmd: StartSession, *, now: datetime | None = None,
                  hashing: Passwords = PASSWORDS) -> SessionStarted:
    """Sign in and open a session of ``cmd.kind``; the answer carries its secret (never stored here)."""
    now = now or utcnow()
    person, token = _sign_in(db, cmd.username, cmd.password, cmd.kind, now, hashing)
    return SessionStarted(token=token, expires_at=session_rules.expires_at(now), person=person)


def _sign_in(db: DatabaseAccess, typed_username: str, password: str, kind: str | None, now: datetime,
             hashing: Passwords) -> tuple[PersonView, str | None]:
    username = usernames.normalize(typed_username)
    with db.read() as session:
        login = repository.login_by_username(session, username)
    verdict = hashing.check(login.password_hash if login else None, password)
    if login is None or not login.active or not verdict.matches:
        _refuse(username, "unknown user" if login is None else "inactive" if not login.active else "wrong password")
    new_hash = hashing.hash(password) if verdict.needs_rehash else None

    with db.transaction() as tx:
        person = repository.login_by_username(tx.session, username, for_update=True)
        if not _still_valid(login, person):
            _refuse(username, "credentials changed during the check")
        if new_hash is not None and person.password_hash == login.password_hash:  # not re-hashed meanwhile
            repository.set_password_hash(tx.session, person.person_id, new_hash, now, changed=False)
            tx.audit("person", person.person_id, "password_rehashed", person.person_id,
                     after={"reason": "tham số Argon2 đã thay đổi"})
        token = None
        if kind is not None:
            token = session_rules.new_token()
            repository.add_session(tx.session, session_rules.token_hash(token), person.person_id, kind, now,
                                   session_rules.expires_at(now), keep=session_rules.MAX_PER_PERSON)
        tx.audit("login", username, "succeeded", person.person_id, after={"session": kind} if kind else None)
        return repository.person(tx.session, person.person_id), token


def _refuse(username: str, reason: str) -> None:
    log.info("sign-in refused for %r: %s", username, reason)
    raise AuthenticationFailed(WRONG_CREDENTIALS)


def change_password(db: DatabaseAccess, cmd: ChangePassword, *, now: datetime | None = None,
                    hashing: Passwords = PASSWORDS) -> PersonView:
    """Anyone may change their own password by giving the current one. Every other session of
    theirs ends; ``cmd.keep_session`` (the one the change is made from) stays."""
    now = now or utcnow()
    with db.read() as session:
        login = repository.login_by_id(session, cmd.actor.id)
        full_name = repository.full_name(session, cmd.actor.id) or ""
    if login is None:
        raise NotFound(UNKNOWN_PERSON)
    if not login.active:
        raise Forbidden(INACTIVE)
    if not hashing.check(login.password_hash, cmd.current_password).matches:
        log.info("password change refused for %r: wrong current password", login.username)
        raise AuthenticationFailed(WRONG_CURRENT_PASSWORD)
    passwords.require_acceptable(cmd.new_password, login.username, current_password=cmd.current_password,
                                 full_name=full_name)
    new_hash = hashing.hash(cmd.new_password)

    with db.transaction() as tx:
        person = repository.login_by_id(tx.session, login.person_id, for_update=True)
        if person is None or not person.active:
            raise Forbidden(INACTIVE)
        if person.credentials_version != login.credentials_version:  # reset or changed meanwhile
            raise AuthenticationFailed(WRONG_CURRENT_PASSWORD)
        repository.set_password_hash(tx.session, person.person_id, new_hash, now)
        kept = session_rules.token_hash(cmd.keep_session) if cmd.keep_session else None
        ended = repository.end_sessions(tx.session, person.person_id, except_hash=kept)
        tx.audit("person", person.person_id, "password_changed", person.person_id,
                 after={"password_changed_at": now, "sessions_ended": ended})
        return repository.person(tx.session, person.person_id)


def _still_valid(checked: Login, current: Login | None) -> bool:
    """The credentials a password was checked against are still the person's: same person, same
    credentials version (a re-hash of the same password keeps it), still active."""
    return (current is not None and current.person_id == checked.person_id and current.active
            and current.credentials_version == checked.credentials_version)
