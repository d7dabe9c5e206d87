"""Run services in one process until SIGTERM: ``python -m eiso_kit.serve pkg.module:Service ...``.

The same start-up the containers in docker-compose use; the embedded
all-in-one runner builds on ``start_services``.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()  # noqa: E402  (must precede every other import)

import argparse  # noqa: E402
import importlib  # noqa: E402
import logging.config  # noqa: E402
import signal  # noqa: E402

from nameko.runners import ServiceRunner  # noqa: E402

from . import memory_bus  # noqa: E402
from .config import nameko_config  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402


def import_service(path: str):
    module_name, _, attr = path.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def start_services(services, settings: Settings) -> ServiceRunner:
    config = nameko_config(settings)
    logging.config.dictConfig(config["LOGGING"])
    if settings.in_memory_bus:
        memory_bus.install(settings.memory_polling_interval)
    runner = ServiceRunner(config)
    for service in services:
        runner.add_service(service)
    runner.start()
    return runner


def wait_for_signal(runner: ServiceRunner) -> None:
    stopping = eventlet.event.Event()

    def _stop(signum, frame):
        if not stopping.ready():
            stopping.send(signum)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    runner_thread = eventlet.spawn(runner.wait)
    stopping.wait()
    runner.stop()
    runner_thread.kill()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("services", nargs="+", help="module:Class of each service to run")
    args = parser.parse_args(argv)
    runner = start_services([import_service(path) for path in args.services], load_settings())
    wait_for_signal(runner)


if __name__ == "__main__":
    main()
