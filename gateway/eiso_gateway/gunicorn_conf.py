"""gunicorn settings for the gateway (``-c python:eiso_gateway.gunicorn_conf``).

``gthread`` workers: each thread serves one request and borrows an RPC proxy
per call from the worker's pool, so keep ``EISO_RPC_POOL_SIZE`` >= threads.
"""
import os

from eiso_kit.settings import load_settings

_settings = load_settings()

bind = f"{_settings.gateway_host}:{_settings.gateway_port}"
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", str(_settings.rpc_pool_size)))
timeout = int(_settings.rpc_timeout) + 30
accesslog = "-"
# No runtime control socket: one gateway per container, and copies sharing a home folder would clash on it.
control_socket_disable = True


def worker_exit(server, worker):
    """Close the worker's RPC pool so its reply queues go away with it."""
    app = getattr(worker, "wsgi", None)
    state = getattr(app, "extensions", {}).get("eiso") if app is not None else None
    if state is not None:
        state.close()
