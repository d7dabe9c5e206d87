"""The app with the fake services, served on a free local port for the browser (EISO_EVENTLET=0 suite)."""
import threading

import pytest
from werkzeug.serving import make_server


@pytest.fixture
def base_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
