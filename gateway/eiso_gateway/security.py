"""Secret key, cookie flags, CSRF and response headers: the web-facing hardening in one place."""
from __future__ import annotations

import logging
import os
import secrets
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect

from .identity import SESSION_SECONDS

log = logging.getLogger(__name__)

csrf = CSRFProtect()

# No inline script or style anywhere: every asset is a file under /static (offline intranets, no CDN).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


# A key anyone can read (a placeholder from a template or a guide) signs anyone's session.
MIN_SECRET_LENGTH = 32
PLACEHOLDERS = ("change-me", "changeme", "change_me", "change-this", "replace-me", "your-secret",
                "secret-key", "insecure")
GENERATE_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class InsecureSecretKey(RuntimeError):
    """``EISO_SECRET_KEY`` is set but cannot be trusted: the gateway refuses to start."""


def check_secret_key(value: str) -> str:
    """The key as given, or ``InsecureSecretKey`` naming the variable and how to make a good one."""
    key = value.strip()
    if not key:
        problem = "is set but empty"
    elif len(key) < MIN_SECRET_LENGTH:
        problem = f"is too short ({len(key)} characters, at least {MIN_SECRET_LENGTH})"
    elif any(marker in key.lower() for marker in PLACEHOLDERS):
        problem = "is a placeholder value"
    else:
        return key
    raise InsecureSecretKey(
        f"EISO_SECRET_KEY {problem}: anyone could sign a session cookie. Set it to a long random string, "
        f"e.g. the output of: {GENERATE_HINT} (the same in every gateway copy), or unset it to have one "
        f"generated into $EISO_DATA_DIR/secret_key (one gateway only).")


def secret_key(settings) -> str:
    """``EISO_SECRET_KEY``, else one generated once into ``$EISO_DATA_DIR/secret_key`` (mode 0600).

    A key that is set must be usable: empty, shorter than 32 characters or a
    known placeholder ("change-me...") stops the gateway (``InsecureSecretKey``).
    Creation is atomic (written aside, then hard-linked into place), so gateway
    workers starting together agree on one key.
    """
    if settings.secret_key is not None:  # set, even if empty: it must be a real key
        return check_secret_key(settings.secret_key)
    path = Path(settings.data_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
            try:
                os.link(tmp, path)
                log.info("generated a new secret key in %s", path)
            except FileExistsError:
                pass  # another worker won the race; use its key
        finally:
            tmp.unlink(missing_ok=True)
    for _ in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty; delete it or set EISO_SECRET_KEY")


def configure(app: Flask, settings) -> None:
    app.secret_key = secret_key(settings)
    app.config.update(
        SESSION_COOKIE_NAME="eiso_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=SESSION_SECONDS),
        SESSION_REFRESH_EACH_REQUEST=False,
        # A CSRF token lives as long as the session: a long form must not fail after an hour.
        WTF_CSRF_TIME_LIMIT=SESSION_SECONDS,
        # One upload form may carry the largest file plus the form's text fields.
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + 1024 * 1024,
        EISO_MAX_UPLOAD_BYTES=settings.max_upload_bytes,
    )
    csrf.init_app(app)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if settings.secure_cookies:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if not request.path.startswith("/static/"):
            # Pages show one person's dossiers: never keep them in a shared cache.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
