"""On the real PostgreSQL and RabbitMQ: a stored file reaches ``eiso.events`` as a CloudEvent."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
import requests
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_documents.service import DocumentsService
from eiso_kit.config import nameko_config
from eiso_kit.testing.plugin import free_port
from eiso_kit.testing.tap import EventTap
from eiso_kit.testing.actors import signed

pytestmark = pytest.mark.integration


@pytest.fixture
def documents(rabbit_vhost, pg_db, make_settings, container_factory):
    settings = make_settings(amqp_uri=rabbit_vhost, documents_db_url=pg_db, max_upload_mb=2)
    config = nameko_config(settings)
    address = f"127.0.0.1:{free_port()}"
    config["WEB_SERVER_ADDRESS"] = address
    container = container_factory(DocumentsService, config)
    container.start()
    return config, f"http://{address}"


def test_file_stored_reaches_the_exchange_as_a_cloudevent(documents):
    config, url = documents
    data = "Biên bản đánh giá nội bộ".encode("utf-8") * 5000
    actor = signed({"id": "p-thuky", "unit_code": "SONGANH", "roles": ["secretary"]})
    with ClusterRpcProxy(config) as proxy:
        grant = proxy.documents.grant_upload({"actor": actor})["grant"]
    with EventTap(config["AMQP_URI"], routing_key="vn.eiso.documents.#") as tap:
        answer = requests.post(f"{url}/files", data=data, timeout=60, headers={
            "X-Eiso-Grant": grant,
            "X-Eiso-Filename": quote("Biên bản.docx", safe=""), "Content-Type": "application/msword"})
        assert answer.status_code == 201, answer.text
        view = answer.json()
        event = tap.wait_for(lambda e: e["data"]["file_id"] == view["id"], timeout=15)
    message = tap.messages[0]
    assert message.content_type == "application/cloudevents+json"
    assert message.properties["delivery_mode"] == 2
    assert event["specversion"] == "1.0"
    assert event["type"] == "vn.eiso.documents.file.stored.v1"
    assert event["source"] == "urn:eiso:local:documents"
    assert event["subject"] == f"file/{view['id']}"
    assert event["datacontenttype"] == "application/json"
    assert event["data"] == {"file_id": view["id"], "unit_code": "SONGANH", "name": "Biên bản.docx",
                             "content_type": "application/msword", "size": len(data),
                             "sha256": hashlib.sha256(data).hexdigest(), "uploaded_by": "p-thuky"}

    with ClusterRpcProxy(config) as proxy:
        assert proxy.documents.get_file(view["id"], actor) == view
        assert proxy.documents.health()["status"] == "ok"
        download = proxy.documents.grant_download({"actor": actor, "file_id": view["id"]})
    assert download["file"] == view
    assert requests.get(f"{url}/files/{view['id']}", headers={"X-Eiso-Grant": download["grant"]},
                        timeout=30).content == data
    assert requests.get(f"{url}/files/{view['id']}", timeout=30).status_code == 401


def test_migrations_match_the_models_on_postgresql(pg_db):
    from eiso_documents.models import MIGRATIONS, metadata
    from eiso_kit.db.engine import make_engine
    from eiso_kit.db.revision import drift

    engine = make_engine(pg_db)
    try:
        assert drift(engine, MIGRATIONS, metadata) == []
    finally:
        engine.dispose()
