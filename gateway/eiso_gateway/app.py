"""The application factory.

``create_app(settings=None, rpc=None)``: ``settings`` is an
``eiso_kit.settings.Settings`` (read from the environment when omitted);
``rpc`` is the RPC port, anything with ``call(service, method, *args, **kwargs)``
and ``close()`` (a pool of nameko proxies when omitted; tests pass a fake).
The app holds no business data: everything it shows comes from the services.
"""
from __future__ import annotations

import atexit
import logging
from dataclasses import dataclass

from eiso_contracts.rpc.common import ROLES
from flask import Flask, current_app, g

from . import errors, formatting, ratelimit, security
from .clients import Services
from .documents_http import DocumentsHttp
from .i18n import LANGUAGES, current_language, translate
from .identity import load_user
from .menu import NOT_IN_RELEASE, menu_for
from .rpc import NamekoRpc, RpcPort

log = logging.getLogger(__name__)


@dataclass
class Gateway:
    """What the views reach through ``current_app``: the settings and the ports out."""

    settings: object
    rpc: RpcPort
    services: Services
    documents: DocumentsHttp
    owns_rpc: bool

    def close(self) -> None:
        """Close the RPC pool (idempotent); called at process exit or by the server's shutdown hook."""
        if self.owns_rpc:
            self.rpc.close()


def gateway() -> Gateway:
    return current_app.extensions["eiso"]


def services() -> Services:
    return gateway().services


def create_app(settings=None, rpc: RpcPort | None = None, *, documents: DocumentsHttp | None = None,
               test_config: dict | None = None) -> Flask:
    if settings is None:
        from eiso_kit.settings import load_settings

        settings = load_settings()
    owns_rpc = rpc is None
    if rpc is None:
        rpc = NamekoRpc.from_settings(settings)
    if documents is None:
        documents = DocumentsHttp(settings.documents_url, timeout=settings.rpc_timeout)

    app = Flask(__name__)
    app.config.update(
        EISO_TIMEZONE=settings.timezone,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.before_request(load_user)  # first, so even a CSRF or 413 error page knows who is signed in
    security.configure(app, settings)
    if test_config:
        app.config.update(test_config)
    logging.getLogger("eiso_gateway").setLevel(settings.log_level)

    state = Gateway(settings=settings, rpc=rpc, services=Services(rpc), documents=documents, owns_rpc=owns_rpc)
    app.extensions["eiso"] = state
    app.eiso_close = state.close  # the embedded runner's shutdown hook
    if owns_rpc:
        atexit.register(state.close)

    errors.register(app)
    ratelimit.init_app(app, settings)  # after errors: its 429 handler wins for TooManyRequests
    formatting.register(app)

    @app.context_processor
    def globals_for_templates():
        user = g.get("user")
        return {
            "_": translate,
            "user": user,
            "menu": menu_for(user),
            "languages": LANGUAGES,
            "lang": current_language(),
            "ROLES": ROLES,
            "NOT_IN_RELEASE": NOT_IN_RELEASE,
            "max_upload_mb": round(settings.max_upload_bytes / (1024 * 1024)),
            "max_upload_bytes": settings.max_upload_bytes,
        }

    from . import admin, api, auth, dossiers, files, home, quality

    for module in (auth, home, dossiers, quality, files, admin, api):
        app.register_blueprint(module.bp)
    security.csrf.exempt(api.bp)
    return app
