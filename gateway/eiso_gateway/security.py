"""Secret key, cookie flags, CSRF and response headers: the web-facing hardening in one place."""
from __future__ import annotations

import logging
from datetime import timedelta

from eiso_kit.keys import InsecureKey, key_from
from flask import Flask, request
from flask_wtf.csrf import CSRFProtect

from .identity import SESSION_SECONDS

log = logging.getLogger(__name__)

csrf = CSRFProtect()

# No inline script or style anywhere: every asset is a file under /static (offline intranets, no CDN).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


# The session key: the kit's one rule for keys (set and strong, or generated once into the data folder).
InsecureSecretKey = InsecureKey


def secret_key(settings) -> str:
    """``EISO_SECRET_KEY``, else one generated once into ``$EISO_DATA_DIR/secret_key`` (mode 0600)."""
    return key_from(settings.secret_key, settings.data_dir, "secret_key", "EISO_SECRET_KEY")


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
