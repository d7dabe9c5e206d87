"""Settings come from the environment, with the embedded defaults when unset."""
from pathlib import Path

from eiso_kit.config import nameko_config, settings_of
from eiso_kit.settings import SERVICES, VARIABLES, load_settings


def test_embedded_defaults_need_no_server(tmp_path):
    settings = load_settings({"EISO_DATA_DIR": str(tmp_path)})
    assert settings.amqp_uri == "memory://" and settings.in_memory_bus
    assert settings.db_urls["workflow"] == f"sqlite:///{tmp_path}/workflow.sqlite3"
    assert settings.storage == "local" and settings.storage_path == tmp_path / "files"
    assert settings.max_upload_bytes == 25 * 1024 * 1024
    assert settings.timezone == "Asia/Ho_Chi_Minh"


def test_environment_overrides_each_setting():
    settings = load_settings({
        "EISO_AMQP_URI": "amqp://u:p@rabbit:5672/eiso", "EISO_WORKFLOW_DB_URL": "postgresql://db/wf",
        "EISO_EVENT_TYPE_PREFIX": "vn.gov.quangbinh.eiso", "EISO_MAX_UPLOAD_MB": "2", "EISO_DEMO_DATA": "0",
        "EISO_SECURE_COOKIES": "1",
    })
    assert not settings.in_memory_bus
    assert settings.db_urls["workflow"] == "postgresql://db/wf"
    assert settings.db_urls["quality"].startswith("sqlite:///")
    assert settings.event_type_prefix == "vn.gov.quangbinh.eiso"
    assert settings.max_upload_bytes == 2 * 1024 * 1024
    assert settings.demo_data is False and settings.secure_cookies is True
    assert settings.source_of("quality") == "urn:eiso:local:quality"


def test_settings_survive_the_trip_through_the_nameko_config(tmp_path):
    settings = load_settings({"EISO_DATA_DIR": str(tmp_path)})
    config = nameko_config(settings)
    assert settings_of(config) == settings
    assert config["DB_URIS"] == settings.db_urls
    assert config["TRANSPORT_OPTIONS"]["polling_interval"] == settings.memory_polling_interval
    assert set(config["ACCEPT"]) == {"json", "cloudevents"}


def test_every_variable_read_is_documented():
    source = Path(load_settings.__code__.co_filename).read_text()
    documented = {v.name for v in VARIABLES}
    read = {line.split('"')[1] for line in source.splitlines() if '_get(env, "EISO_' in line or 'env.get("EISO_' in line}
    per_service = {f"EISO_{s.upper()}_DB_URL" for s in SERVICES}
    assert read - documented == set()
    assert "EISO_<SERVICE>_DB_URL" in documented and per_service


def test_psycopg2_waits_cooperatively_in_a_patched_process():
    """Services run monkey-patched (eiso_kit.serve, the root conftest): PostgreSQL waits must yield."""
    import eventlet.patcher
    import psycopg2.extensions

    assert eventlet.patcher.is_monkey_patched("psycopg")
    assert psycopg2.extensions.get_wait_callback() is not None


def test_retry_delays_double_up_to_a_cap():
    from eiso_kit.events.subscribe import Subscriber

    subscriber = Subscriber.__new__(Subscriber)
    subscriber.backoff = 0.5
    assert [subscriber.retry_delay(n) for n in range(1, 8)] == [0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 15.0]


def test_the_relay_backs_off_while_the_database_is_down_even_when_woken(tmp_path):
    """A commit's wake-up must not turn the back-off into a busy loop."""
    import eventlet

    from eiso_kit.events.relay import RelayLoop

    class DownRelay:
        batch_size = 100
        sweeps = 0
        settings = load_settings({"EISO_DATA_DIR": str(tmp_path)})

        def publish_pending(self):
            DownRelay.sweeps += 1
            raise ConnectionError("database unreachable")

        def close(self):
            pass

    loop = RelayLoop(DownRelay(), interval=0.2)
    loop.relay.settings = load_settings({"EISO_DATA_DIR": str(tmp_path), "EISO_AMQP_URI": "amqp://x"})
    runner = eventlet.spawn(loop.run)
    for _ in range(50):
        loop.wake()
        eventlet.sleep(0.01)
    loop.stop()
    runner.wait()
    assert DownRelay.sweeps <= 5  # 0.2 s, 0.4 s ... of back-off, not one sweep per wake-up
