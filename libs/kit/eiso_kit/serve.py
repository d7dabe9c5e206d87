"""Run services in one process until SIGTERM: ``python -m eiso_kit.serve pkg.module:Service ...``.

The start-up the containers in docker-compose use; the embedded all-in-one
runner builds on ``start_services``. The process exits non-zero
(``eiso_kit.process.watch.DIED``) as soon as one of its containers dies, so
its supervisor restarts it, and keeps a liveness file for HEALTHCHECKs
(``python -m eiso_kit.process.liveness <service>``).
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()  # noqa: E402  (must precede every other import)

import argparse  # noqa: E402
import importlib  # noqa: E402
import logging.config  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from nameko.runners import ServiceRunner  # noqa: E402

from . import memory_bus  # noqa: E402
from .config import nameko_config  # noqa: E402
from .process import liveness  # noqa: E402
from .process.watch import run_until_stopped  # noqa: E402
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


def alive_file_for(runner: ServiceRunner, settings: Settings) -> Path:
    return liveness.liveness_path(settings.run_dir, list(runner.service_names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("services", nargs="+", help="module:Class of each service to run")
    args = parser.parse_args(argv)
    settings = load_settings()
    runner = start_services([import_service(path) for path in args.services], settings)
    return run_until_stopped(runner, alive_file_for(runner, settings))


if __name__ == "__main__":
    sys.exit(main())
