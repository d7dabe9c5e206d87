"""What a view reaches per request: the settings and the ports out (flaskr's ``db.py``).

``init_app`` puts one ``Gateway`` on the app; views and helpers fetch its parts
through ``current_app`` with the functions below, so no blueprint imports the
app module and the app module imports no view before it registers them.
"""
from __future__ import annotations

import atexit
from dataclasses import dataclass

from eiso_kit.settings import actor_key
from flask import Flask, current_app

from .clients import Services
from .documents_http import DocumentsHttp
from .rpc import RpcPort

KEY = "eiso"


@dataclass
class Gateway:
    """The settings and the ports out of one app."""

    settings: object
    rpc: RpcPort
    services: Services
    documents: DocumentsHttp
    owns_rpc: bool

    def close(self) -> None:
        """Close the RPC pool (idempotent); called at process exit or by the server's shutdown hook."""
        if self.owns_rpc:
            self.rpc.close()


def init_app(app: Flask, settings, rpc: RpcPort, documents: DocumentsHttp, *, owns_rpc: bool) -> Gateway:
    state = Gateway(settings=settings, rpc=rpc, services=Services(rpc, actor_key(settings)), documents=documents,
                    owns_rpc=owns_rpc)
    app.extensions[KEY] = state
    app.eiso_close = state.close  # the embedded runner's shutdown hook
    if owns_rpc:
        atexit.register(state.close)
    return state


def gateway() -> Gateway:
    return current_app.extensions[KEY]


def services() -> Services:
    """The typed service clients of this app."""
    return gateway().services


def documents() -> DocumentsHttp:
    """The documents service's file endpoint (uploads and downloads)."""
    return gateway().documents


def settings():
    return gateway().settings
