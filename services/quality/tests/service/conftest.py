"""The service tier: nameko containers over the in-memory bus and SQLite."""
import pytest


@pytest.fixture
def system(memory_bus, make_settings, make_system, container_factory):
    def start(config, services):
        for service in services:
            container_factory(service, config).start()

    return make_system(make_settings(max_delivery_attempts=2), start)
