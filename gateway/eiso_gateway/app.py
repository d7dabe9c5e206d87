"""The application factory.

``create_app(settings=None, rpc=None)``: ``settings`` is an
``eiso_kit.settings.Settings`` (read from the environment when omitted);
``rpc`` is the RPC port, anything with ``call(service, method, *args, **kwargs)``
and ``close()`` (a pool of nameko proxies when omitted; tests pass a fake).
The app holds no business data: everything it shows comes from the services.
Views reach the ports through ``resources``; the areas are registered here.
"""
from __future__ import annotations

import logging

from eiso_contracts.rpc.common import ROLES
from flask import Flask, g

from . import api, errors, formatting, i18n, ratelimit, resources, security
from .areas import BLUEPRINTS
from .documents_http import DocumentsHttp
from .identity import load_user
from .pages.menu import NOT_IN_RELEASE, menu_for
from .rpc import NamekoRpc, RpcPort


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

    resources.init_app(app, settings, rpc, documents, owns_rpc=owns_rpc)
    errors.register(app)
    i18n.init_app(app)
    ratelimit.init_app(app, settings)  # after errors: its 429 handler wins for TooManyRequests
    formatting.register(app)

    @app.context_processor
    def globals_for_templates():
        user = g.get("user")
        return {
            "user": user,
            "menu": menu_for(user),
            "ROLES": ROLES,
            "NOT_IN_RELEASE": NOT_IN_RELEASE,
            "max_upload_mb": round(settings.max_upload_bytes / (1024 * 1024)),
            "max_upload_bytes": settings.max_upload_bytes,
        }

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(api.bp)
    security.csrf.exempt(api.bp)
    return app
