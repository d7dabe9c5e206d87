"""Logging in and changing one's own password, with the lockout of repeated failures.

The password is checked outside any transaction (Argon2 is slow on purpose);
the outcome (failure counter, lock, re-hash) is written afterwards in a short
transaction, which is committed before a refusal is raised.
"""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.errors import AuthenticationFailed, Forbidden, NotFound
from eiso_contracts.rpc.context import ChangePassword, Credentials, PersonView
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess

from . import repository
from .domain import lockout, passwords, usernames
from .domain.lockout import LockoutPolicy
from .domain.passwords import Passwords
from .messages import UNKNOWN_PERSON
from .retries import retry_on_conflict

WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."
WRONG_CURRENT_PASSWORD = "Mật khẩu hiện tại không đúng."
INACTIVE = "Tài khoản của bạn đã bị vô hiệu hóa."

PASSWORDS = Passwords()


def authenticate(db: DatabaseAccess, credentials: Credentials, *, now: datetime | None = None,
                 hashing: Passwords = PASSWORDS, policy: LockoutPolicy = lockout.POLICY) -> PersonView:
    """The person these credentials belong to, or ``AuthenticationFailed`` (one message for an
    unknown name, a wrong password and a deactivated account)."""
    now = now or utcnow()
    username = usernames.normalize(credentials.username)
    with db.read() as session:
        login = repository.login_by_username(session, username)
        record, _ = repository.attempts(session, username)
    lockout.require_not_locked(record, now)
    verdict = hashing.check(login.password_hash if login else None, credentials.password)
    if login is None or not login.active or not verdict.matches:
        _refuse(db, username, login.person_id if login else None, now, policy, WRONG_CREDENTIALS)
    new_hash = hashing.hash(credentials.password) if verdict.needs_rehash else None

    def succeed() -> PersonView:
        with db.transaction() as tx:
            had, exists = repository.attempts(tx.session, username, for_update=True)
            if exists:
                repository.clear_attempts(tx.session, username)
            if new_hash is not None:
                repository.set_password_hash(tx.session, login.person_id, new_hash, now, changed=False)
                tx.audit("person", login.person_id, "password_rehashed", login.person_id,
                         after={"reason": "tham số Argon2 đã thay đổi"})
            tx.audit("login", username, "succeeded", login.person_id,
                     before={"failures": had.failures} if exists else None)
            return repository.person(tx.session, login.person_id)

    return retry_on_conflict(succeed)


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
    if not hashing.check(login.password_hash, cmd.current_password).matches:
        _refuse(db, login.username, login.person_id, now, policy, WRONG_CURRENT_PASSWORD)
    passwords.require_acceptable(cmd.new_password, login.username, current_password=cmd.current_password)
    new_hash = hashing.hash(cmd.new_password)

    def store() -> PersonView:
        with db.transaction() as tx:
            repository.clear_attempts(tx.session, login.username)
            repository.set_password_hash(tx.session, login.person_id, new_hash, now)
            tx.audit("person", login.person_id, "password_changed", login.person_id,
                     after={"password_changed_at": now})
            return repository.person(tx.session, login.person_id)

    return retry_on_conflict(store)


def _refuse(db: DatabaseAccess, username: str, person_id: str | None, now: datetime,
            policy: LockoutPolicy, message: str):
    """Count one failure (committed), then raise: the lock message if this failure locked it."""

    def count() -> lockout.Attempts:
        with db.transaction() as tx:
            before, exists = repository.attempts(tx.session, username, for_update=True)
            after = lockout.after_failure(before, now, policy)
            repository.save_attempts(tx.session, username, after, exists, now)
            locked_now = after.locked(now) and not before.locked(now)
            tx.audit("login", username, "locked" if locked_now else "failed", person_id,
                     before={"failures": before.failures},
                     after={"failures": after.failures, "locked_until": after.locked_until})
            return after

    after = retry_on_conflict(count)
    lockout.require_not_locked(after, now)
    raise AuthenticationFailed(message)
