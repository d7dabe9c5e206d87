"""Sessions: what signing in opens and what ends it.

A session is a random secret (256 bits) the gateway keeps in the signed cookie of a browser or in
an API token; this service stores only its SHA-256, the person and when it ends (8 hours after
sign-in, ``SESSION_SECONDS``). Every request of the gateway asks ``check_session``, so a session
ended here is ended everywhere at once, whatever copy of the gateway serves it:

- signing out ends every session of the person (their browsers and their API tokens);
- a password change ends every other session (the one it was made from stays), an administrator's
  reset and a deactivation end them all.

A person keeps at most ``MAX_PER_PERSON`` sessions: signing in once more ends the oldest, so the
table stays bounded whoever scripts sign-ins with a valid password; expired rows are deleted.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from eiso_contracts.rpc.context import SESSION_SECONDS

MAX_PER_PERSON = 20
ENDED = "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại."


def new_token() -> str:
    """A session's secret: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the table stores and looks up: a copy of the table opens no session."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def expires_at(signed_in_at: datetime) -> datetime:
    return signed_in_at + timedelta(seconds=SESSION_SECONDS)


def still_open(expires: datetime, now: datetime) -> bool:
    return now < expires
