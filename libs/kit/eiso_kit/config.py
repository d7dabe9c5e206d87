"""Turn ``Settings`` into the nameko config dict every container receives."""
from __future__ import annotations

from nameko.constants import DEFAULT_TRANSPORT_OPTIONS
from nameko.extensions import DependencyProvider

from .settings import Settings

SETTINGS_KEY = "EISO"


def nameko_config(settings: Settings) -> dict:
    transport_options = dict(DEFAULT_TRANSPORT_OPTIONS)
    if settings.in_memory_bus:
        transport_options["polling_interval"] = settings.memory_polling_interval
    return {
        "AMQP_URI": settings.amqp_uri,
        "TRANSPORT_OPTIONS": transport_options,
        "serializer": "json",
        "ACCEPT": ["json", "cloudevents"],
        "SERIALIZERS": {
            "cloudevents": {
                "encoder": "eiso_kit.events.codec.encode",
                "decoder": "eiso_kit.events.codec.decode",
                "content_type": "application/cloudevents+json",
                "content_encoding": "utf-8",
            }
        },
        "DB_URIS": dict(settings.db_urls),
        "WEB_SERVER_ADDRESS": settings.documents_http,
        "max_workers": 10,
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"one_line_refusals": {"()": "eiso_kit.logs.OneLineRefusals"}},
            "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                                     "filters": ["one_line_refusals"]}},
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
            "root": {"level": settings.log_level, "handlers": ["console"]},
            # kombu narrates every (re)connection; in-memory mode it also warns about the missing host.
            "loggers": {"kombu": {"level": "ERROR" if settings.in_memory_bus else "WARNING"}},
        },
        SETTINGS_KEY: settings.as_dict(),
    }


def settings_of(config: dict) -> Settings:
    """The ``Settings`` a container was started with."""
    return Settings.from_dict(config[SETTINGS_KEY])


class ServiceSettings(DependencyProvider):
    """``self.settings`` in a service: the ``Settings`` its container was started with."""

    def setup(self):
        self.settings = settings_of(self.container.config)

    def get_dependency(self, worker_ctx) -> Settings:
        return self.settings
