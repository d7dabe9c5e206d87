"""The service tier: nameko containers over the in-memory bus and SQLite."""
import pytest
from nameko.rpc import rpc


@pytest.fixture
def system(memory_bus, make_settings, make_system, container_factory):
    def start(config, services):
        for service in services:
            container_factory(service, config).start()

    return make_system(make_settings(max_delivery_attempts=2), start)


class FakeContext:
    """The directory the quality service looks departments and people up in (nonconformities, improvements)."""

    name = "context"
    departments = {"d-bgd": "Ban Giám đốc", "d-vp": "Văn phòng sở", "d-kh": "Phòng quản lý Khoa học",
                   "d-tts": "Thanh tra Sở"}
    people = [
        {"id": "u-thuky", "full_name": "Trần Thị Bình", "roles": ["secretary"], "department_id": "d-vp"},
        {"id": "u-lanhdao", "full_name": "Nguyễn Văn An", "roles": ["leader"], "department_id": "d-bgd"},
        {"id": "u-truongphong", "full_name": "Lê Văn Cường", "roles": ["dept_head"], "department_id": "d-kh"},
        {"id": "u-danhgia", "full_name": "Hoàng Văn Em", "roles": ["auditor", "staff"], "department_id": "d-tts"},
    ]

    @rpc
    def list_departments(self, unit_code):
        return [{"id": i, "unit_code": unit_code, "code": i, "name": n} for i, n in self.departments.items()
                if unit_code == "SONGANH"]

    @rpc
    def list_people(self, query):
        return [{**p, "username": p["id"], "unit_code": "SONGANH", "unit_name": "Sở KH&CN", "active": True}
                for p in self.people if query["unit_code"] == "SONGANH" and query["role"] in p["roles"]
                and query.get("department_id") in (None, p["department_id"])]


@pytest.fixture
def quality(memory_bus, make_settings, make_system, container_factory):
    """The quality service with the fake workflow and the fake directory (``quality.rpc.quality`` ...)."""
    def start(config, services):
        for service in (*services, FakeContext):
            container_factory(service, config).start()

    return make_system(make_settings(max_delivery_attempts=2), start)
