"""Who is asking: the session named by the signed cookie (pages) or by a bearer token (API).

The gateway keeps no session store and trusts nothing it signed alone: the cookie and the token
carry only the secret of a session that the context service keeps (``start_session``), and every
request asks the context service whether that session is still open (``check_session``, one RPC),
answered with the person as the directory has them now. So any gateway copy can serve any request,
and what ends a session there ends it at once everywhere: signing out (every session of the
person, browsers and tokens), a password change (every other session), an administrator's reset
or a deactivation (all of them). A role change shows on the next request.

When the context service cannot answer, the request fails (503) but the session is kept: nobody
is signed out by an outage, and nobody deactivated acts during one.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlsplit

from eiso_contracts.errors import AuthenticationFailed, Forbidden
from eiso_kit.actors import sign
from eiso_contracts.rpc.common import ROLES, Actor
from eiso_contracts.rpc.context import SESSION_SECONDS, PersonView, SessionStarted
from flask import abort, current_app, g, redirect, request, session, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

log = logging.getLogger(__name__)

SESSION_HOURS = SESSION_SECONDS // 3600
TOKEN_SALT = "eiso-api-token"
SESSION_KEY = "sid"  # the session's secret, in the signed cookie and inside the signed API token
TOKEN_ENDED = "Mã truy cập không còn hiệu lực (đã đăng xuất, đổi mật khẩu hoặc tài khoản bị khóa). Vui lòng lấy mã mới."


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
        """The person as the services see them, signed by this gateway for this request (eiso_kit.actors)."""
        from .resources import signing_key

        return sign(Actor(id=self.id, unit_code=self.unit_code, roles=list(self.roles),
                          department_id=self.department_id, full_name=self.full_name), signing_key())

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [ROLES.get(role, role) for role in self.roles]


# -- pages: the session cookie --------------------------------------------------------------
def sign_in(started: SessionStarted) -> None:
    """Keep the new session's secret in the signed cookie (the language chosen before stays)."""
    lang = session.get("lang")
    session.clear()
    session.permanent = True
    session[SESSION_KEY] = started.token
    if lang:
        session["lang"] = lang
    g.user = User.from_person(started.person)


def _forget() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def sign_out() -> None:
    """Đăng xuất: every session of the person ends on the server, then this cookie forgets it."""
    from .resources import services

    token = session.get(SESSION_KEY)
    _forget()
    g.user = None
    if isinstance(token, str) and token:
        services().context.end_sessions(token)


def refresh_credentials() -> None:
    """After a reset of the signed-in person's own password: every session of theirs ended on the
    server, this one too; forget it here, so the next page asks for the new password."""
    _forget()
    g.user = None


def current_session() -> str | None:
    """The secret of this browser's session (kept by a password change made from it)."""
    token = session.get(SESSION_KEY)
    return token if isinstance(token, str) and token else None


def load_user() -> None:
    """``before_request``: put the signed-in ``User`` (or None) on ``g.user``.

    Static files need nobody, and the API never trusts the cookie (bearer tokens only), so
    neither pays for the check. A session the context service no longer knows is forgotten;
    when it cannot answer, the error (503) reaches the person and the cookie stays.
    """
    from .resources import services

    g.user = None
    if request.blueprint == "api" or request.endpoint == "static":
        return
    token = current_session()
    if token is None:
        if session.get("user"):  # a cookie of the gateway before sessions were kept on the server
            _forget()
        return
    try:
        person = services().context.check_session(token)
    except AuthenticationFailed:
        _forget()
        return
    g.user = User.from_person(person)


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


def issue_token(started: SessionStarted) -> str:
    """A bearer token: the session's secret, signed (a forged or altered token costs no RPC)."""
    return _serializer().dumps({SESSION_KEY: started.token})


def session_of_token(token: str) -> str:
    """The session secret inside a bearer token, or ``AuthenticationFailed``."""
    try:
        data = _serializer().loads(token, max_age=SESSION_SECONDS)
    except SignatureExpired:
        raise AuthenticationFailed("Mã truy cập đã hết hạn. Vui lòng lấy mã mới.") from None
    except (BadSignature, ValueError):
        raise AuthenticationFailed("Mã truy cập không hợp lệ.") from None
    secret = data.get(SESSION_KEY) if isinstance(data, dict) else None
    if not isinstance(secret, str) or not secret:
        raise AuthenticationFailed("Mã truy cập không hợp lệ. Vui lòng lấy mã mới.")
    return secret


def user_of_session(secret: str) -> User:
    """The person of an API token's session as the directory has them now; an ended session is refused."""
    from .resources import services

    try:
        person = services().context.check_session(secret)
    except AuthenticationFailed:
        raise AuthenticationFailed(TOKEN_ENDED) from None
    return User.from_person(person)


def token_required(view):
    """API: ``Authorization: Bearer <token>`` only (never the cookie, so no CSRF exposure)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationFailed("Thiếu mã truy cập (Authorization: Bearer ...).")
        secret = session_of_token(token.strip())
        g.user = user_of_session(secret)
        g.api_session = secret
        return view(*args, **kwargs)

    return wrapped
