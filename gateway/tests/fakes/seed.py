"""The unit SONGANH every gateway test starts from: departments, people, policies, dossiers, files."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

UNIT = "SONGANH"
UNIT_NAME = "Sở Khoa học và Công nghệ tỉnh Quảng Bình"
PASSWORD = "matkhau123"
NOW = datetime(2026, 3, 2, 2, 30, tzinfo=timezone.utc)          # 09:30 in Hà Nội: "Sáng"
TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()  # "today" where the unit is, as the services count it


def working_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Monday-Friday), as the workflow counts deadlines."""
    current, remaining = start, max(0, days)
    while remaining:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def seed(fake) -> None:
    context, quality, workflow, documents = fake.context, fake.quality, fake.workflow, fake.documents
    for id, code, name, order in (("d-bgd", "BGD", "Ban Giám đốc", 1), ("d-vp", "VP", "Văn phòng sở", 2),
                                  ("d-khoahoc", "QLKH", "Phòng quản lý Khoa học", 3),
                                  ("d-thanhtra", "TT", "Thanh tra Sở", 4)):
        context.add_department(id, code, name, order)
    context.add_department("x-other", "VP", "Văn phòng đơn vị khác", unit="KHAC")
    for pid, username, name, title, dept, roles in (
        ("p-leader", "lanhdao", "Nguyễn Văn Lãnh", "Giám đốc", "d-bgd", ["leader"]),
        ("p-leader2", "phogiamdoc", "Trần Thị Phó", "Phó Giám đốc", "d-bgd", ["leader"]),
        ("p-secretary", "thuky", "Lê Thị Thư", "Thư ký ISO", "d-vp", ["secretary"]),
        ("p-head", "truongphong", "Phạm Văn Trưởng", "Trưởng phòng", "d-khoahoc", ["dept_head"]),
        ("p-staff", "chuyenvien", "Hoàng Văn Viên", "Chuyên viên", "d-khoahoc", ["staff"]),
        ("p-auditor", "danhgia", "Đỗ Thị Đánh", "Đánh giá viên", "d-thanhtra", ["auditor"]),
        ("p-admin", "quantri", "Vũ Quản Trị", "Quản trị hệ thống", "d-vp", ["admin"]),
        ("x-person", "khac", "Người Đơn Vị Khác", "", "x-other", ["leader"]),
    ):
        context.add_person(pid, username, name, title, dept, roles)

    quality.add(quality.new_policy(
        2025, "Không ngừng nâng cao chất lượng hoạt động quản lý nhà nước và dịch vụ công",
        ["Thực hiện tốt vai trò quản lý nhà nước về KHCN", "Không ngừng nâng cao chất lượng dịch vụ công",
         "Sự hài lòng của cơ quan và người dân là thước đo hiệu quả công việc"],
        status="issued", dossier_code="1-2025-1-SONGANH"))
    draft = quality.add(quality.new_policy(2026, "Chất lượng là trên hết", ["Phục vụ người dân tận tâm", "Minh bạch"],
                                           status="submitted", dossier_code="1-2026-1-SONGANH"))
    # 1-2026-1-SONGANH: the policy dossier at step 2, waiting for the leader.
    workflow.dossiers["1-2026-1-SONGANH"] = {
        "id": "dos-1", "code": "1-2026-1-SONGANH", "type": "1", "title": "Chính sách chất lượng năm 2026",
        "artefact": {"service": "quality", "kind": "policy", "id": draft.id,
                     "title": "Chính sách chất lượng năm 2026"},
        "status": "open", "opened_by": "p-secretary", "opened_at": NOW, "closed_at": None, "version": 2,
        "current": 2,
        "steps": {
            1: dict(state="done", department_id="d-vp", handler_id="p-secretary", deadline=TODAY,
                    done_at=NOW, done_half_day="Sáng", action="approve", action_label="Trình duyệt",
                    timing="on_time", comment="Kính trình Lãnh đạo", attachments=["f-seed"]),
            2: dict(state="current", department_id="d-bgd", handler_id="p-leader",
                    deadline=TODAY + timedelta(days=2), timing="early"),
        },
        "history": [dict(at=NOW, actor_id="p-secretary", step_number=1,
                         step_name="Thư ký ISO lập chính sách chất lượng", action="approve",
                         action_label="Trình duyệt", comment="Kính trình Lãnh đạo", attachments=["f-seed"])],
        "draft": {"comment": "", "attachments": [], "next": None},
        "following": {"p-secretary"}, "done_by": {"p-secretary"},
    }
    # 3-2025-152-SONGANH: objectives dossier, late at step 2 (a kind without preview / create page).
    workflow.dossiers["3-2025-152-SONGANH"] = {
        "id": "dos-2", "code": "3-2025-152-SONGANH", "type": "3", "title": "Mục tiêu chất lượng năm 2025",
        "artefact": {"service": "quality", "kind": "objectives", "id": "obj-1",
                     "title": "Mục tiêu chất lượng năm 2025"},
        "status": "open", "opened_by": "p-secretary", "opened_at": NOW, "closed_at": None, "version": 5,
        "current": 2,
        "steps": {
            1: dict(state="done", department_id="d-vp", handler_id="p-secretary",
                    deadline=TODAY - timedelta(days=9), done_at=NOW - timedelta(days=1, hours=-6),
                    done_half_day="Chiều", action="approve", action_label="Trình duyệt", timing="late"),
            2: dict(state="current", department_id="d-bgd", handler_id="p-leader",
                    deadline=TODAY - timedelta(days=1), timing="late"),
        },
        "history": [], "draft": {"comment": "", "attachments": [], "next": None},
        "following": {"p-secretary"}, "done_by": {"p-secretary"},
    }
    documents.store(UNIT, "p-secretary", "Tờ trình chính sách.pdf", "application/pdf", b"%PDF-",
                    file_id="f-seed", at=NOW)
    documents.store("KHAC", "x-person", "bí mật.txt", "text/plain", b"abc", file_id="f-other", at=NOW)
    from .registry import seed_registry

    seed_registry(documents)
