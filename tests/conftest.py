"""Fixtures for the cross-service tests: the whole system on the real servers."""
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def whole_system(rabbit_vhost, make_pg_db, make_settings, tmp_path, run_services):
    """Every service in one nameko runner on fresh PostgreSQL databases and a fresh RabbitMQ vhost."""
    from eiso_allinone.services import ALL_SERVICES
    from eiso_kit.config import nameko_config
    from eiso_kit.settings import SERVICES

    port = free_port()
    overrides = {f"{s}_db_url": make_pg_db() for s in SERVICES}
    settings = make_settings(amqp_uri=rabbit_vhost, demo_data=1, documents_http=f"127.0.0.1:{port}",
                             documents_url=f"http://127.0.0.1:{port}", storage_path=tmp_path / "files",
                             **overrides)
    config = nameko_config(settings)
    run_services(config, *ALL_SERVICES)
    return settings, config
