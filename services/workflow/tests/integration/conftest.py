"""The workflow service on the machine's real PostgreSQL and RabbitMQ (a database and a vhost per test)."""
from __future__ import annotations

import pytest
from nameko.runners import ServiceRunner
from workflow_fakes import service_config

from eiso_kit.clock import local_today


@pytest.fixture
def system(rabbit_vhost, make_pg_db, make_settings):
    """Factory: ``system(*service_classes)`` starts a runner on the test's databases and vhost."""
    settings = make_settings(amqp_uri=rabbit_vhost)
    config = service_config(settings, {"workflow": make_pg_db(), "publisher": make_pg_db()})
    runners = []

    def start(*services):
        runner = ServiceRunner(config)
        for service in services:
            runner.add_service(service)
        runner.start()
        runners.append(runner)
        return runner

    start.config = config
    start.today = local_today(settings.timezone)
    yield start
    for runner in runners:
        runner.stop()
