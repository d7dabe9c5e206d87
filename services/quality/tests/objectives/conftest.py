"""The quality service's objectives and measurement: a running service with a stand-in workflow, signed actors."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eiso_kit.testing.actors import signed

sys.path.insert(0, str(Path(__file__).parent))

UNIT = "SONGANH"
PEOPLE = {
    "thuky": {"id": "u-thuky", "roles": ["secretary"], "department_id": "d-vp"},
    "lanhdao": {"id": "u-lanhdao", "roles": ["leader"], "department_id": "d-bgd"},
    "truongphong": {"id": "u-truongphong", "roles": ["dept_head"], "department_id": "d-kh"},
    "truongphong2": {"id": "u-truongphong2", "roles": ["dept_head"], "department_id": "d-cn"},
    "nhanvien": {"id": "u-nhanvien", "roles": ["staff"], "department_id": "d-kh"},
}


def as_(username: str, **changes) -> dict:
    return signed({"unit_code": UNIT, "full_name": username, **PEOPLE[username], **changes})


@pytest.fixture
def running(memory_bus, make_settings, make_system, container_factory):
    def start(config, services):
        for service in services:
            container_factory(service, config).start()

    return make_system(make_settings(max_delivery_attempts=2), start)
