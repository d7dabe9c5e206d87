"""The workflow service on the machine's real PostgreSQL and RabbitMQ (a database and a vhost per test)."""
from __future__ import annotations

import pytest
from workflow_fakes import service_config

from eiso_kit.clock import local_today


@pytest.fixture
def system(rabbit_vhost, make_pg_db, make_settings, run_services):
    """Factory: ``system(*service_classes)`` starts a runner on the test's databases and vhost."""
    settings = make_settings(amqp_uri=rabbit_vhost)
    config = service_config(settings, {"workflow": make_pg_db(), "publisher": make_pg_db()})

    def start(*services):
        return run_services(config, *services)

    start.config = config
    start.today = local_today(settings.timezone)
    return start
