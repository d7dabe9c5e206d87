"""``python -m eiso_allinone``: start eISO with embedded defaults and print where to go.

Defaults need no server: the bus is kombu's memory:// transport (with the
nameko fix in eiso_kit.memory_bus), databases are SQLite files and files go to
a local folder, all under EISO_DATA_DIR (./var). Any EISO_* variable points a
part at a real server instead (the browser tests run it on PostgreSQL and
RabbitMQ this way).
"""
import eventlet

eventlet.monkey_patch()  # noqa: E402  (before anything else is imported)

import logging  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")

from eventlet import wsgi  # noqa: E402

from eiso_kit.process.watch import DIED, run_until_stopped  # noqa: E402
from eiso_kit.serve import alive_file_for, start_services  # noqa: E402
from eiso_kit.settings import load_settings  # noqa: E402

from .banner import banner  # noqa: E402

log = logging.getLogger("eiso")


def main() -> int:
    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    from eiso_gateway import create_app

    from .services import ALL_SERVICES

    runner = start_services(ALL_SERVICES, settings)
    app = create_app(settings)
    try:
        listener = eventlet.listen((settings.gateway_host, settings.gateway_port))
    except OSError as exc:
        runner.stop()
        print(f"Cannot listen on {settings.gateway_host}:{settings.gateway_port}: {exc.strerror}. "
              f"Set EISO_GATEWAY_PORT to a free port.", file=sys.stderr)
        return 2
    server = eventlet.spawn(wsgi.server, listener, app, log=logging.getLogger("eiso.http"),
                            log_output=False, max_size=1000)
    print(banner(settings), flush=True)
    try:
        code = run_until_stopped(runner, alive_file_for(runner, settings))
    finally:
        server.kill()
        close = getattr(app, "eiso_close", None)
        if close:
            close()
    if code == DIED:
        print("eISO: một dịch vụ đã dừng bất thường (xem nhật ký ở trên); tiến trình kết thúc để được khởi động lại.\n"
              "eISO: a service stopped unexpectedly (see the log above); exiting so that it is started again.",
              file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
