"""Fixtures of the audit service's tests (the samples are in ``audit_samples``, imported by name)."""
import sys
from pathlib import Path

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_kit.config import nameko_config

sys.path.insert(0, str(Path(__file__).parent))

from audit_samples import FakeContext, Running  # noqa: E402


@pytest.fixture
def system(memory_bus, make_settings, run_services):
    """The audit service and the fake context over the in-memory bus, on SQLite; ``system.audit`` is a proxy."""
    from eiso_audit.service import AuditService

    config = nameko_config(make_settings())
    run_services(config, AuditService, FakeContext)
    with ClusterRpcProxy(config, timeout=20) as rpc:
        yield Running(config, rpc.audit)
