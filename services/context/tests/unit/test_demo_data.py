import pytest
import yaml

from eiso_context.demo import DEMO_FILE, DemoOrganisation, load_demo


def test_the_demo_organisation_of_the_brief():
    demo = load_demo()
    assert (demo.unit.code, demo.unit.name) == ("SONGANH", "Sở Khoa học và Công nghệ tỉnh Quảng Bình")
    assert [(d.code, d.name, d.sort_order) for d in demo.departments] == [
        ("BGD", "Ban Giám đốc", 1), ("VP", "Văn phòng sở", 2), ("QLCN", "Phòng quản lý Công nghệ", 3),
        ("QLKH", "Phòng quản lý Khoa học", 4), ("TTS", "Thanh tra Sở", 5)]
    assert [(p.username, p.full_name, p.title, p.department, p.roles) for p in demo.people] == [
        ("lanhdao", "Nguyễn Văn An", "Giám đốc Sở", "BGD", ["leader"]),
        ("thuky", "Trần Thị Bình", "Thư ký ISO", "VP", ["secretary"]),
        ("truongphong", "Lê Văn Cường", "Trưởng phòng quản lý Khoa học", "QLKH", ["dept_head"]),
        ("nhanvien", "Phạm Thị Dung", "Chuyên viên", "QLKH", ["staff"]),
        ("danhgia", "Hoàng Văn Em", "Đánh giá viên nội bộ", "TTS", ["auditor", "staff"]),
        ("admin", "Quản trị hệ thống", "Quản trị hệ thống", "VP", ["admin"]),
    ]
    assert demo.password == "Demo@2026"


def test_demo_ids_are_stable_and_distinct():
    demo = load_demo()
    ids = {demo.person_id(p.username) for p in demo.people} | {demo.department_id(d.code) for d in demo.departments}
    assert len(ids) == 11
    assert demo.person_id("admin") == load_demo().person_id("admin")


def test_a_person_in_an_unknown_department_is_caught():
    data = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    data["people"][0]["department"] = "NOPE"
    with pytest.raises(ValueError, match="unknown department NOPE"):
        DemoOrganisation.model_validate(data)
