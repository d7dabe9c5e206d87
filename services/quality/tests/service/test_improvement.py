"""Improvements over the bus: anyone proposes, the leader approves (its dossier opens with the leader) or
refuses with a reason, then the dossier moves it: directed, recorded, implemented, completed."""
import json
from datetime import date

import pytest
from eiso_contracts.dossier import ArtefactRef, DossierRef, StepAssignment, StepRef
from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput, NotFound
from eiso_contracts.events.workflow import DossierApproved, DossierCompleted, DossierOpened

from eiso_kit.testing.actors import signed

UNIT = "SONGANH"
STEPS = {key: StepRef(number=n, key=key, name=key) for n, key in
         enumerate(("approval", "direction", "record", "implementation", "result"), start=1)}
_STAFF = {"id": "u-nhanvien", "unit_code": UNIT, "roles": ["staff"], "department_id": "d-kh"}  # signed at each use (a proof lasts minutes)
_LEADER = {"id": "u-lanhdao", "unit_code": UNIT, "roles": ["leader"], "department_id": "d-bgd"}  # signed at each use (a proof lasts minutes)


def propose(quality, **more):
    return quality.rpc.quality.propose_improvement({
        "actor": signed(_STAFF), "title": "Số hóa sổ theo dõi hồ sơ", "department_id": "d-kh",
        "current_situation": "Sổ theo dõi viết tay, khó tra cứu.", "proposal": "Dùng bảng tính dùng chung.",
        "expected_benefit": "Tra cứu nhanh, giảm thất lạc.", **more})


def test_proposed_then_refused_with_a_reason_or_approved_once_with_its_dossier_for_the_leader(quality):
    q = quality.rpc.quality
    first, second = propose(quality, request_id="imp-1"), propose(quality, title="Khác")
    assert propose(quality, request_id="imp-1")["id"] == first["id"]
    assert first["status_label"] == "Chờ phê duyệt"
    with pytest.raises(Forbidden):
        q.approve_improvement({"actor": signed(_STAFF), "improvement_id": first["id"]})
    with pytest.raises(InvalidInput):
        q.refuse_improvement({"actor": signed(_LEADER), "improvement_id": second["id"], "reason": ""})
    refused = q.refuse_improvement({"actor": signed(_LEADER), "improvement_id": second["id"], "reason": "Chưa khả thi."})
    assert refused["status_label"] == "Không duyệt" and refused["refusal_reason"] == "Chưa khả thi."
    approved = q.approve_improvement({"actor": signed(_LEADER), "improvement_id": first["id"]})
    assert approved["status_label"] == "Đã phê duyệt" and approved["decided_by"] == "u-lanhdao"
    with pytest.raises(AlreadyProcessed):
        q.approve_improvement({"actor": signed(_LEADER), "improvement_id": first["id"]})
    with pytest.raises(InvalidInput):
        propose(quality, department_id="d-elsewhere")
    other = signed({"id": "x", "unit_code": "KHAC", "roles": ["leader"], "department_id": "d-x"})
    with pytest.raises(NotFound):
        q.approve_improvement({"actor": other, "improvement_id": second["id"]})
    assert q.list_improvements({"actor": other}) == []

    request = next(json.loads(body)["data"]["dossier_request"] for kind, body in quality.outbox()
                   if kind.endswith("quality.improvement.approved.v1"))
    assert request["type_code"] == "6" and request["opened_by"] == "u-lanhdao"
    assert (request["next"]["handler_id"], request["next"]["department_id"]) == ("u-lanhdao", "d-bgd")
    assert date.fromisoformat(request["next"]["deadline"]) > date.today()


def test_the_dossier_carries_the_directions_the_implementation_and_the_result(quality, samples):
    q = quality.rpc.quality
    item = propose(quality)
    q.approve_improvement({"actor": signed(_LEADER), "improvement_id": item["id"]})

    def ref(v):
        return DossierRef(id="d-6", code="6-2026-1-SONGANH", type_code="6", unit_code=UNIT, version=v,
                          artefact=ArtefactRef(service="quality", kind="improvement", id=item["id"], title="CT"))

    def step(key, handler, department="d-vp"):
        return StepAssignment(step=STEPS[key], department_id=department, handler_id=handler, deadline=date(2026, 12, 1))

    directions = {"directions": "Triển khai trong quý III.", "responsible": "Trưởng phòng QLKH",
                  "due_date": "2026-09-30"}
    done = {**directions, "implementation": "Đã chuyển sổ sang bảng tính.", "result": "Tra cứu dưới 1 phút."}
    events = [DossierOpened(dossier=ref(1), title="CT", opened_by="u-lanhdao", current=step("direction", "u-lanhdao")),
              DossierApproved(dossier=ref(2), step=STEPS["direction"], actor_id="u-lanhdao", content=directions,
                              next=step("record", "u-thuky")),
              DossierApproved(dossier=ref(3), step=STEPS["record"], actor_id="u-thuky",
                              next=step("implementation", "u-truongphong", "d-kh")),
              DossierApproved(dossier=ref(4), step=STEPS["implementation"], actor_id="u-truongphong", content=done,
                              next=step("result", "u-thuky")),
              DossierApproved(dossier=ref(5), step=STEPS["result"], actor_id="u-thuky"),
              DossierCompleted(dossier=ref(5), step=STEPS["result"], actor_id="u-thuky")]
    quality.publish(*(samples.envelope(e) for e in events))

    def view():
        return q.get_improvement({"actor": signed(_STAFF), "improvement_id": item["id"]})

    final = quality.wait_until(lambda: (v := view())["status"] == "completed" and v)
    assert final["status_label"] == "Hoàn thành" and final["dossier_code"] == "6-2026-1-SONGANH"
    assert final["content"]["directions"] == "Triển khai trong quý III."
    assert final["content"]["result"] == "Tra cứu dưới 1 phút."
    kinds = [k.removeprefix("vn.eiso.quality.improvement.") for k in quality.outbox_types()]
    assert kinds == ["proposed.v1", "approved.v1", "directed.v1", "recorded.v1", "implemented.v1", "completed.v1"]
