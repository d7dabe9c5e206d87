"""The integration tier: the services on the real PostgreSQL and RabbitMQ of the machine."""
import pytest
from nameko.runners import ServiceRunner


@pytest.fixture
def system(rabbit_vhost, pg_db, make_settings, make_system):
    """Stopped before the database and the vhost are dropped (nameko's container_factory would outlive them)."""
    runners = []

    def start(config, services):
        runner = ServiceRunner(config)
        for service in services:
            runner.add_service(service)
        runner.start()
        runners.append(runner)

    # One worker: events are handled one at a time in queue order, so a later "sentinel" event
    # being applied proves every earlier one was handled (no sleeping, no timing).
    yield make_system(make_settings(amqp_uri=rabbit_vhost, quality_db_url=pg_db), start, max_workers=1)
    for runner in runners:
        runner.stop()
