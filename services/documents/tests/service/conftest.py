"""The documents service in a nameko container over the in-memory bus, SQLite and a folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from nameko.standalone.rpc import ServiceRpcProxy
from sqlalchemy import create_engine, select

from eiso_documents.domain.grants import Grant, Signer
from eiso_documents.models import files, grant_keys, plumbing
from eiso_documents.service import DocumentsService
from eiso_kit.config import nameko_config
from eiso_kit.settings import Settings
from eiso_kit.testing.plugin import free_port


def upload_headers(name="Quyết định ban hành.pdf", unit="SONGANH", uploader="p-thuky",
                   content_type="application/pdf", grant=None) -> dict:
    """The headers of an upload (an argument set to None leaves its header out); ``grant``: X-Eiso-Grant."""
    headers = {"X-Eiso-Unit": unit, "X-Eiso-Uploader": uploader, "X-Eiso-Grant": grant,
               "X-Eiso-Filename": None if name is None else quote(name, safe=""), "Content-Type": content_type}
    return {k: v for k, v in headers.items() if v is not None}


def chunks(total: int, piece: int = 64 * 1024):
    """A body of unknown length: requests sends it with Transfer-Encoding: chunked."""
    sent = 0
    while sent < total:
        size = min(piece, total - sent)
        sent += size
        yield b"\x5a" * size


@dataclass
class Running:
    config: dict
    settings: Settings
    url: str
    container: object = None

    chunks = staticmethod(chunks)

    def signer(self) -> Signer:
        """Grants as the service signs them (with the key its migration wrote)."""
        [row] = self.rows(grant_keys)
        return Signer(row["secret"])

    def grant(self, operation="upload", person="p-thuky", unit="SONGANH", file_id=None) -> str:
        return self.signer().sign(Grant(operation, person, unit, file_id))

    def headers(self, **header_args) -> dict:
        """An upload's headers with a grant for its uploader and unit (unless ``grant`` is given)."""
        if "grant" not in header_args:
            header_args["grant"] = self.grant("upload", header_args.get("uploader") or "p-thuky",
                                              header_args.get("unit") or "SONGANH")
        return upload_headers(**header_args)

    def rpc(self):
        return ServiceRpcProxy("documents", self.config)

    def post(self, data, headers: dict) -> requests.Response:
        return requests.post(f"{self.url}/files", data=data, headers=headers, timeout=60)

    def upload(self, data, **header_args) -> requests.Response:
        return self.post(data, self.headers(**header_args))

    def get(self, path: str, grant: bool = True, **kwargs) -> requests.Response:
        """GET ``path``; a download carries a grant for p-thuky of SONGANH unless ``grant=False``."""
        if grant and path.startswith("/files/"):
            kwargs.setdefault("headers", {})["X-Eiso-Grant"] = self.grant("download", file_id=path[len("/files/"):])
        return requests.get(f"{self.url}{path}", timeout=30, **kwargs)

    @property
    def storage_root(self) -> Path:
        return self.settings.storage_path

    def stored_objects(self) -> list[str]:
        root = self.storage_root
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []

    def rows(self, table):
        engine = create_engine(self.settings.db_urls["documents"])
        try:
            with engine.connect() as connection:
                return [dict(row._mapping) for row in connection.execute(select(table))]
        finally:
            engine.dispose()

    def file_rows(self):
        return self.rows(files)

    def outbox(self):
        return self.rows(plumbing.outbox)

    def audit(self):
        return self.rows(plumbing.audit)


@pytest.fixture
def start_documents(memory_bus, make_settings, container_factory):
    """Start the service (keyword arguments: EISO_* settings without the prefix); answers ``Running``."""

    def start(**overrides) -> Running:
        overrides.setdefault("max_upload_mb", 1)
        settings = make_settings(**overrides)
        config = nameko_config(settings)
        address = f"127.0.0.1:{free_port()}"
        config["WEB_SERVER_ADDRESS"] = address
        container = container_factory(DocumentsService, config)
        container.start()
        return Running(config=config, settings=settings, url=f"http://{address}", container=container)

    return start


@pytest.fixture
def documents(start_documents) -> Running:
    return start_documents()
