"""Logging in and changing one's own password, with the lockout of repeated failures.

The password is checked outside any transaction (Argon2 is slow on purpose). What the check
means is decided afterwards, in the one short transaction that records the attempt: it locks the
person's row and the username's failure record (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite
serialises writers), then looks again at the lock, the person's credentials and their activation.
So attempts that arrive together are decided one after the other:

- while the username is locked every attempt is refused with the lock message, the right password
  too, and nothing is counted or recorded (as for the early answer before the check);
- a failure is counted (the fifth sets the lock), committed, then refused;
- a matching password logs in only if the person's credentials are still the ones it was checked
  against (same ``credentials_version``: no change, reset or deactivation meanwhile; a re-hash of
  the same password does not count) and the person is active; otherwise it is a failure like any other.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from eiso_contracts.errors import AuthenticationFailed, Forbidden, NotFound
from eiso_contracts.rpc.context import ChangePassword, Credentials, PersonView
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess, Transaction

from . import repository
from .domain import lockout, passwords, usernames
from .domain.lockout import Attempts, LockoutPolicy
from .domain.passwords import Passwords
from .messages import UNKNOWN_PERSON
from .repository import Login
from .retries import retry_on_conflict

WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."
WRONG_CURRENT_PASSWORD = "Mật khẩu hiện tại không đúng."
INACTIVE = "Tài khoản của bạn đã bị vô hiệu hóa."

PASSWORDS = Passwords()

# What a success does in the deciding transaction: (tx, the person as locked now, the failure
# record it clears or None) -> the answer.
Success = Callable[[Transaction, Login, Attempts | None], PersonView]


def authenticate(db: DatabaseAccess, credentials: Credentials, *, now: datetime | None = None,
                 hashing: Passwords = PASSWORDS, policy: LockoutPolicy = lockout.POLICY) -> PersonView:
    """The person these credentials belong to, or ``AuthenticationFailed`` (one message for an
    unknown name, a wrong password and a deactivated account)."""
    now = now or utcnow()
    username = usernames.normalize(credentials.username)
    with db.read() as session:
        login = repository.login_by_username(session, username)
        record, _ = repository.attempts(session, username)
    lockout.require_not_locked(record, now)  # an early answer, without the slow check; decided again below
    verdict = hashing.check(login.password_hash if login else None, credentials.password)
    matched = login if login is not None and login.active and verdict.matches else None
    new_hash = hashing.hash(credentials.password) if matched and verdict.needs_rehash else None

    def succeed(tx: Transaction, person: Login, cleared: Attempts | None) -> PersonView:
        if new_hash is not None and person.password_hash == matched.password_hash:  # not re-hashed meanwhile
            repository.set_password_hash(tx.session, person.person_id, new_hash, now, changed=False)
            tx.audit("person", person.person_id, "password_rehashed", person.person_id,
                     after={"reason": "tham số Argon2 đã thay đổi"})
        tx.audit("login", username, "succeeded", person.person_id,
                 before={"failures": cleared.failures} if cleared is not None else None)
        return repository.person(tx.session, person.person_id)

    return _decide(db, username, matched, now, policy, WRONG_CREDENTIALS, succeed)


def change_password(db: DatabaseAccess, cmd: ChangePassword, *, now: datetime | None = None,
                    hashing: Passwords = PASSWORDS, policy: LockoutPolicy = lockout.POLICY) -> PersonView:
    """Anyone may change their own password by giving the current one (which counts towards
    the lockout like a login would)."""
    now = now or utcnow()
    with db.read() as session:
        login = repository.login_by_id(session, cmd.actor.id)
        record = repository.attempts(session, login.username)[0] if login else None
    if login is None:
        raise NotFound(UNKNOWN_PERSON)
    if not login.active:
        raise Forbidden(INACTIVE)
    lockout.require_not_locked(record, now)
    matched = login if hashing.check(login.password_hash, cmd.current_password).matches else None
    new_hash = None
    if matched is not None:
        passwords.require_acceptable(cmd.new_password, login.username, current_password=cmd.current_password)
        new_hash = hashing.hash(cmd.new_password)

    def store(tx: Transaction, person: Login, cleared: Attempts | None) -> PersonView:
        repository.set_password_hash(tx.session, person.person_id, new_hash, now)
        tx.audit("person", person.person_id, "password_changed", person.person_id,
                 after={"password_changed_at": now})
        return repository.person(tx.session, person.person_id)

    return _decide(db, login.username, matched, now, policy, WRONG_CURRENT_PASSWORD, store, inactive=INACTIVE)


def _decide(db: DatabaseAccess, username: str, matched: Login | None, now: datetime, policy: LockoutPolicy,
            wrong: str, succeed: Success, inactive: str | None = None) -> PersonView:
    """Decide and record one attempt on ``username``. ``matched``: the person as read when their
    hash matched the password given (None: it did not). ``inactive``: the answer (``Forbidden``,
    nothing recorded) when the person was deactivated meanwhile; None counts it as a failure."""

    def decide() -> tuple[PersonView | None, str | None]:
        with db.transaction() as tx:
            person = repository.login_by_username(tx.session, username, for_update=True)
            before, exists = repository.attempts(tx.session, username, for_update=True)
            if before.locked(now):
                return None, lockout.LOCKED
            if inactive is not None and person is not None and not person.active:
                raise Forbidden(inactive)
            if matched is not None and _still_valid(matched, person):
                if exists:
                    repository.clear_attempts(tx.session, username)
                return succeed(tx, person, before if exists else None), None
            after = lockout.after_failure(before, now, policy)
            repository.save_attempts(tx.session, username, after, exists, now)
            locked = after.locked(now)
            tx.audit("login", username, "locked" if locked else "failed", person.person_id if person else None,
                     before={"failures": before.failures},
                     after={"failures": after.failures, "locked_until": after.locked_until})
            return None, lockout.LOCKED if locked else wrong

    # A lost race on a unique key (the first failure of a username nobody has tried yet, twice at
    # once) is decided again; the row then exists and is locked like any other.
    view, refusal = retry_on_conflict(decide)
    if refusal is not None:
        raise AuthenticationFailed(refusal)
    return view


def _still_valid(checked: Login, current: Login | None) -> bool:
    """The credentials a password was checked against are still the person's: same person, same
    credentials version (a re-hash of the same password keeps it), still active."""
    return (current is not None and current.person_id == checked.person_id and current.active
            and current.credentials_version == checked.credentials_version)
