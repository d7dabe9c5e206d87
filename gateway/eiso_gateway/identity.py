"""Who is asking: the signed session cookie (pages) or a bearer token (API).

The gateway keeps no session store: the identity lives in Flask's signed
cookie (or in the itsdangerous token), so any gateway copy can serve any
request. From it we build the ``Actor`` every command carries; services check
permissions again on their side.

A session lasts 8 hours from login (not sliding). Every few minutes the
identity is re-read from the context service, so a deactivated person or a
changed role takes effect without waiting for the session to end.

Both the cookie and the token carry the person's ``credentials_version`` as
it was at login; the context service raises it on every password change or
reset and on (de)activation, so a re-check that finds another version ends the
session (pages) or refuses the token (API, checked on every call): a stolen
cookie or token dies with the password it was obtained under.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlsplit

from eiso_contracts.errors import AuthenticationFailed, Forbidden, NotFound
from eiso_contracts.rpc.common import ROLES, Actor
from eiso_contracts.rpc.context import PersonView
from flask import abort, current_app, g, redirect, request, session, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

log = logging.getLogger(__name__)

SESSION_HOURS = 8
SESSION_SECONDS = SESSION_HOURS * 3600
TOKEN_SALT = "eiso-api-token"
VERSION_KEY = "cv"  # the person's credentials_version at login, in the session and in the token


def _same_credentials(person: PersonView, seen) -> bool:
    """Is the credentials version the session/token was made under still the person's?

    A session or token from before versions were recorded counts as version 0,
    which every person had when the context service started counting.
    """
    return person.credentials_version == (seen if isinstance(seen, int) else 0)


@dataclass(frozen=True)
class User:
    """The signed-in person as the gateway knows them (no business data)."""

    id: str
    username: str
    full_name: str
    unit_code: str
    unit_name: str
    roles: tuple[str, ...]
    title: str = ""
    department_id: str | None = None
    department_name: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_person(cls, person: PersonView) -> "User":
        return cls(id=person.id, username=person.username, full_name=person.full_name,
                   unit_code=person.unit_code, unit_name=person.unit_name, roles=tuple(person.roles),
                   title=person.title, department_id=person.department_id,
                   department_name=person.department_name)

    @classmethod
    def from_dict(cls, data: dict) -> "User":
        return cls(id=data["id"], username=data["username"], full_name=data["full_name"],
                   unit_code=data["unit_code"], unit_name=data.get("unit_name", ""),
                   roles=tuple(data.get("roles", ())), title=data.get("title", ""),
                   department_id=data.get("department_id"), department_name=data.get("department_name"))

    def as_dict(self) -> dict:
        return {"id": self.id, "username": self.username, "full_name": self.full_name,
                "unit_code": self.unit_code, "unit_name": self.unit_name, "roles": list(self.roles),
                "title": self.title, "department_id": self.department_id,
                "department_name": self.department_name}

    @property
    def actor(self) -> Actor:
        return Actor(id=self.id, unit_code=self.unit_code, roles=list(self.roles),
                     department_id=self.department_id, full_name=self.full_name)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [ROLES.get(role, role) for role in self.roles]


# -- pages: the session cookie --------------------------------------------------------------
def sign_in(person: PersonView) -> None:
    lang = session.get("lang")
    session.clear()
    session.permanent = True
    now = int(time.time())
    session["user"] = User.from_person(person).as_dict()
    session["login_at"] = now
    session["checked_at"] = now
    session[VERSION_KEY] = person.credentials_version
    if lang:
        session["lang"] = lang


def sign_out() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def _recheck(user: User) -> User | None:
    """Re-read the person; None when they may no longer sign in. Keeps the session on a hiccup."""
    from .resources import services

    try:
        person = services().context.get_person(user.id)
    except (NotFound, AuthenticationFailed):
        return None
    except Exception as exc:  # the context service is slow or down: do not lock everyone out
        log.warning("identity re-check of %s failed: %r", user.id, exc)
        return user
    if not person.active or not _same_credentials(person, session.get(VERSION_KEY)):
        return None  # deactivated, or the password changed since this session signed in
    fresh = User.from_person(person)
    if fresh != user:
        session["user"] = fresh.as_dict()
    session["checked_at"] = int(time.time())
    return fresh


def refresh_credentials() -> None:
    """After the signed-in person changed their own password: keep THIS session valid.

    Re-reads the person and stores their new credentials version, so the
    next re-check ends every other session of theirs but not this one.
    """
    from .resources import services

    user = g.get("user")
    if user is None:
        return
    try:
        person = services().context.get_person(user.id)
    except Exception as exc:  # this session will simply end at its next re-check
        log.warning("could not refresh the session of %s after a password change: %r", user.id, exc)
        return
    session[VERSION_KEY] = person.credentials_version
    session["user"] = User.from_person(person).as_dict()
    session["checked_at"] = int(time.time())


def load_user() -> None:
    """``before_request``: put the signed-in ``User`` (or None) on ``g.user``.

    Static files need nobody, and the API never trusts the cookie (bearer
    tokens only), so neither pays for the identity re-check.
    """
    g.user = None
    if request.blueprint == "api" or request.endpoint == "static":
        return
    data = session.get("user")
    if not data:
        return
    now = int(time.time())
    if now - int(session.get("login_at", 0)) > SESSION_SECONDS:
        sign_out()
        return
    try:
        user = User.from_dict(data)
    except (KeyError, TypeError):
        sign_out()
        return
    if now - int(session.get("checked_at", 0)) > current_app.config["IDENTITY_RECHECK_SECONDS"]:
        user = _recheck(user)
        if user is None:
            sign_out()
            return
    g.user = user


def safe_next(target: str | None) -> str | None:
    """Only a path on this site may be a post-login destination (no open redirect)."""
    if not target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return None
    return target


def login_required(view):
    """Pages: send an anonymous visitor to the login page, then back."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def roles_required(*roles: str):
    """Pages: only these roles (the services check again)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not g.user.has_role(*roles):
                raise Forbidden("Bạn không có quyền truy cập chức năng này.")
            return view(*args, **kwargs)

        return wrapped

    return decorate


def current_user() -> User:
    user = g.get("user")
    if user is None:
        abort(401)
    return user


# -- API: bearer tokens ---------------------------------------------------------------------
def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=TOKEN_SALT)


def issue_token(person: PersonView) -> str:
    return _serializer().dumps({**User.from_person(person).as_dict(), VERSION_KEY: person.credentials_version})


def user_from_token(token: str) -> User:
    """The token's person, re-read from the context service (deactivated people are refused)."""
    from .resources import services

    try:
        data = _serializer().loads(token, max_age=SESSION_SECONDS)
        user = User.from_dict(data)
    except SignatureExpired:
        raise AuthenticationFailed("Mã truy cập đã hết hạn. Vui lòng lấy mã mới.") from None
    except (BadSignature, KeyError, TypeError, ValueError):
        raise AuthenticationFailed("Mã truy cập không hợp lệ.") from None
    try:
        person = services().context.get_person(user.id)
    except NotFound:
        raise AuthenticationFailed("Tài khoản không còn tồn tại.") from None
    if not person.active:
        raise AuthenticationFailed("Tài khoản đã bị khóa.")
    if not _same_credentials(person, data.get(VERSION_KEY)):
        raise AuthenticationFailed("Mã truy cập không còn hiệu lực vì mật khẩu đã thay đổi. Vui lòng lấy mã mới.")
    return User.from_person(person)


def token_required(view):
    """API: ``Authorization: Bearer <token>`` only (never the cookie, so no CSRF exposure)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationFailed("Thiếu mã truy cập (Authorization: Bearer ...).")
        g.user = user_from_token(token.strip())
        return view(*args, **kwargs)

    return wrapped
