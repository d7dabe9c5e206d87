"""The integration tier: the services on the real PostgreSQL and RabbitMQ of the machine."""
import pytest


@pytest.fixture
def system(rabbit_vhost, pg_db, make_settings, make_system, run_services):
    """Stopped before the database and the vhost are dropped (nameko's container_factory would outlive them)."""
    def start(config, services):
        run_services(config, *services)

    # One worker: events are handled one at a time in queue order, so a later "sentinel" event
    # being applied proves every earlier one was handled (no sleeping, no timing).
    return make_system(make_settings(amqp_uri=rabbit_vhost, quality_db_url=pg_db), start, max_workers=1)
