"""WSGI entry point: ``gunicorn -c python:eiso_gateway.gunicorn_conf eiso_gateway.wsgi:app``.

The settings come from the environment (``EISO_*``); the RPC pool connects
lazily, on the first request of each worker, never before the fork.
"""
from .app import create_app

app = create_app()
