"""Fixtures of the gateway tests (flaskr style: app, client, auth).

The services are played by ``FakeServices`` (an in-memory RPC port) and the
documents file endpoint by a tiny werkzeug server on a free local port.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from gateway_docs_server import DocumentsEndpoint  # noqa: E402
from fakes import PASSWORD, FakeServices  # noqa: E402
from gateway_helpers import AuthActions  # noqa: E402

from eiso_gateway import create_app  # noqa: E402


@pytest.fixture
def fake():
    return FakeServices()


@pytest.fixture
def documents(fake):
    endpoint = DocumentsEndpoint(fake, max_bytes=1024 * 1024)
    endpoint.url = endpoint.start()
    yield endpoint
    endpoint.stop()


@pytest.fixture
def settings(make_settings, documents):
    return make_settings(documents_url=documents.url, max_upload_mb=1, rpc_timeout=5)


@pytest.fixture
def app(settings, fake):
    app = create_app(settings, rpc=fake, test_config={"TESTING": True})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def api_token(client):
    def issue(username: str = "lanhdao") -> dict:
        response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.get_json()
        return {"Authorization": f"Bearer {response.get_json()['access_token']}"}

    return issue
