"""Nonconformities over the bus: raised by anyone or opened by an audit finding, then moved by their
corrective-action dossier until an auditor closes (or reopens) them; overdue actions are flagged."""
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from eiso_contracts.dossier import ArtefactRef, DossierRef, StepAssignment, StepRef
from eiso_contracts.errors import AuthenticationFailed, InvalidInput, NotFound
from eiso_contracts.envelope import make_event
from eiso_contracts.events.audit import FindingRecorded
from eiso_contracts.events.workflow import DossierApproved, DossierCompleted, DossierOpened, DossierReturned

from eiso_kit.db import Database
from eiso_kit.config import settings_of
from eiso_kit.testing.actors import signed
from eiso_kit.testing.database import standalone
from eiso_quality import models
from eiso_quality.nonconformity.actions import flag_overdue as flag

UNIT = "SONGANH"
CODE = "11-2026-1-SONGANH"
STEPS = {key: StepRef(number=n, key=key, name=key) for n, key in
         enumerate(("report", "analysis", "approval", "implementation", "verification"), start=1)}


def person(person_id, roles, department="d-kh", unit=UNIT):
    return signed({"id": person_id, "unit_code": unit, "roles": roles, "department_id": department})


def staff():
    """Signed at the call: a proof is good for five minutes, a test run is longer."""
    return person("u-nhanvien", ["staff"])


def action(due: date, **more) -> dict:
    return {"correction": "Bổ sung ngay danh mục hồ sơ còn thiếu.",
            "whys": ["Vì chưa lập danh mục", "Vì chưa được giao người phụ trách"],
            "root_cause": "Chưa phân công người phụ trách lưu trữ.", "action": "Giao chuyên viên phụ trách lưu trữ.",
            "owner": "Phạm Thị Dung, chuyên viên", "due_date": due.isoformat(), **more}


class Dossier:
    def __init__(self, nc_id):
        self.nc_id = nc_id

    def ref(self, v):
        return DossierRef(id="d-11", code=CODE, type_code="11", unit_code=UNIT, version=v,
                          artefact=ArtefactRef(service="quality", kind="nonconformity", id=self.nc_id, title="HĐKP"))

    def next(self, key, handler):
        return StepAssignment(step=STEPS[key], department_id="d-kh", handler_id=handler, deadline=date(2026, 12, 1))

    def opened(self):
        return DossierOpened(dossier=self.ref(1), title="HĐKP", opened_by="u-nhanvien",
                             current=self.next("analysis", "u-truongphong"))

    def approved(self, v, key, actor, content=None, following=None):
        return DossierApproved(dossier=self.ref(v), step=STEPS[key], actor_id=actor, content=content,
                               next=self.next(*following) if following else None)

    def returned(self, v, key, actor, comment):
        return DossierReturned(dossier=self.ref(v), step=STEPS[key], actor_id=actor, comment=comment,
                               returned_to=self.next("analysis", "u-truongphong"))

    def completed(self, v, content):
        return DossierCompleted(dossier=self.ref(v), step=STEPS["verification"], actor_id="u-danhgia", content=content)


def flag_overdue(quality) -> int:
    """The overdue scan (the service's 5-minute timer) run once, on the service's database."""
    database = Database(models.metadata, migrations=models.MIGRATIONS)
    db = standalone(database, quality.db_url, settings_of(quality.config), "quality")
    try:
        return flag(db, "Asia/Ho_Chi_Minh")
    finally:
        database.stop()


def raise_one(quality, department="d-kh", **more):
    return quality.rpc.quality.raise_nonconformity({
        "actor": staff(), "source": "complaint", "department_id": department, "clause": "7.5.3",
        "description": "Người dân phản ánh hồ sơ bị thất lạc.", "evidence": "Phiếu phản ánh số 12.", **more})


def opened_requests(quality):
    return [json.loads(body)["data"]["dossier_request"] for kind, body in quality.outbox()
            if kind.endswith("quality.nonconformity.opened.v1")]


def test_anyone_raises_and_the_dossier_goes_to_the_departments_head_or_else_the_secretary(quality):
    first = raise_one(quality, request_id="nc-1")
    assert raise_one(quality, request_id="nc-1")["id"] == first["id"]       # keyed: raised once
    assert first["status_label"] == "Chờ phân tích nguyên nhân" and first["source_label"] == "Phản ánh, khiếu nại"
    raise_one(quality, department="d-vp")                                   # Văn phòng sở has no head
    requests = opened_requests(quality)
    assert [(r["next"]["handler_id"], r["next"]["department_id"]) for r in requests] == [
        ("u-truongphong", "d-kh"), ("u-thuky", "d-vp")]
    assert requests[0]["type_code"] == "11" and requests[0]["opened_by"] == "u-nhanvien"
    with pytest.raises(InvalidInput):
        raise_one(quality, department="d-other-unit")
    with pytest.raises(InvalidInput):
        raise_one(quality, description="")
    assert len(quality.rpc.quality.list_nonconformities({"actor": staff()})) == 2
    other = person("x", ["leader"], unit="KHAC")
    with pytest.raises(NotFound):
        quality.rpc.quality.get_nonconformity({"actor": other, "nonconformity_id": first["id"]})
    assert quality.rpc.quality.list_nonconformities({"actor": other}) == []
    with pytest.raises(AuthenticationFailed):
        quality.rpc.quality.list_nonconformities({"actor": {"id": "u-nhanvien", "unit_code": UNIT}})


def test_a_nonconformity_finding_opens_one_corrective_action_other_findings_none(quality, samples):
    def event(kind, finding_id):
        data = FindingRecorded(finding_id=finding_id, plan_id="plan-1", unit_code=UNIT, kind=kind, clause="8.5.1",
                               department_id="d-kh", description="Trả kết quả trễ hạn 3 hồ sơ.",
                               evidence="Sổ theo dõi tháng 3.", attachments=["f-1"], recorded_by="u-danhgia",
                               recorded_at=datetime(2026, 3, 12, 3, tzinfo=timezone.utc))
        return make_event(data, source="urn:eiso:local:audit", prefix="vn.eiso", subject="plan/plan-1")

    quality.publish(event("observation", "f-obs"), event("nonconformity", "f-nc"), event("nonconformity", "f-nc"))
    found = quality.wait_until(lambda: quality.rpc.quality.list_nonconformities({"actor": staff()}))
    assert len(found) == 1 and found[0]["source_label"] == "Đánh giá nội bộ"
    assert found[0]["finding_id"] == "f-nc" and found[0]["attachments"] == ["f-1"]
    request = opened_requests(quality)[0]
    assert request["opened_by"] == "u-danhgia" and request["attachments"] == ["f-1"]
    assert request["next"]["handler_id"] == "u-truongphong"


def test_the_dossier_moves_it_to_closed_through_a_reopening_and_an_overdue_flag(quality, samples):
    nc = raise_one(quality)
    d = Dossier(nc["id"])
    past = date.today() - timedelta(days=2)

    def status():
        return quality.rpc.quality.get_nonconformity({"actor": staff(), "nonconformity_id": nc["id"]})

    def publish(*events):
        quality.publish(*(samples.envelope(e) for e in events))

    publish(d.opened(), d.approved(2, "analysis", "u-truongphong", action(past), ("approval", "u-lanhdao")),
            d.approved(3, "approval", "u-lanhdao", None, ("implementation", "u-truongphong")))
    view = quality.wait_until(lambda: (v := status())["status"] == "approved" and v)
    assert view["dossier_code"] == CODE and view["action"]["owner"] == "Phạm Thị Dung, chuyên viên"
    assert view["overdue"] is True and view["due_date"] == past.isoformat()
    assert flag_overdue(quality) == 1 and flag_overdue(quality) == 0      # announced once per due date

    publish(d.approved(4, "implementation", "u-truongphong", action(past, implementation="Đã giao, đã lập danh mục."),
                       ("verification", "u-danhgia")),
            d.returned(5, "verification", "u-danhgia", "Kiểm tra lại: danh mục chưa đầy đủ."))
    view = quality.wait_until(lambda: (v := status())["status"] == "reopened" and v)
    assert view["reopened"] == 1

    later = date.today() + timedelta(days=10)
    final = action(later, implementation="Danh mục đầy đủ.", verification="Kiểm tra 10 hồ sơ: đầy đủ. Hiệu lực.")
    publish(d.approved(6, "analysis", "u-truongphong", action(later), ("approval", "u-lanhdao")),
            d.approved(7, "approval", "u-lanhdao", None, ("implementation", "u-truongphong")),
            d.approved(8, "implementation", "u-truongphong", action(later, implementation="Danh mục đầy đủ."),
                       ("verification", "u-danhgia")),
            d.approved(9, "verification", "u-danhgia", final), d.completed(9, final))
    view = quality.wait_until(lambda: (v := status())["status"] == "closed" and v)
    assert view["verified_by"] == "u-danhgia" and view["overdue"] is False
    assert view["action"]["verification"].endswith("Hiệu lực.")
    kinds = [k.removeprefix("vn.eiso.quality.nonconformity.") for k in quality.outbox_types()]
    assert kinds == ["opened.v1", "action_planned.v1", "action_approved.v1", "action_overdue.v1", "action_implemented.v1",
                     "reopened.v1", "action_planned.v1", "action_approved.v1", "action_implemented.v1", "closed.v1"]
    assert quality.audit_problems() == []
