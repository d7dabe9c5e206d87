"""Objectives and measurement through the quality service's RPC and the dossier's facts from the bus."""
import json

import pytest
from conftest import as_
from eiso_contracts.errors import AuthenticationFailed, Forbidden, InvalidInput, NotFound
from objectives_samples import ObjectivesDossier, objectives_content

ROUTE = {"department_id": "d-bgd", "handler_id": "u-lanhdao", "deadline": "2099-01-12"}


def issued_policy(running, samples, dossier_of, year=2026, code="1-2026-1-SONGANH"):
    policy = running.rpc.quality.submit_policy(samples.submit_payload(year=year))
    dossier = dossier_of(policy["id"], code=code)
    running.publish(*(samples.envelope(e) for e in (dossier.opened(), dossier.approved(2, "approval"),
                                                    dossier.approved(3, "issue"), dossier.completed(3))))
    running.wait_until(lambda: running.rpc.quality.get_policy(policy["id"])["status"] == "issued")
    return policy


def submit(running, policy_id, rows=None, **extra):
    content = objectives_content(policy_id) if rows is None else objectives_content(policy_id, rows=rows)
    return running.rpc.quality.submit_objectives({"actor": as_("thuky"), "content": content, "route": ROUTE,
                                                  **extra})


def in_force(running, samples, objectives_id, code):
    dossier = ObjectivesDossier(objectives_id, code=code)
    running.publish(*(samples.envelope(e) for e in (dossier.opened(), dossier.approved(2), *dossier.recorded(3))))
    return running.wait_until(lambda: (view := running.rpc.quality.get_objectives(objectives_id, as_("lanhdao")))
                              ["status"] == "in_force" and view)


def events(running, kind):
    return [json.loads(body)["data"] for type_, body in running.outbox() if type_ == f"vn.eiso.{kind}"]


def test_the_secretary_submits_under_an_issued_policy_and_the_recorded_version_is_in_force(
        running, samples, dossier_of):
    with pytest.raises(InvalidInput, match="Chính sách chất lượng đã chọn không có"):
        submit(running, "no-policy")
    policy = issued_policy(running, samples, dossier_of)
    assert [(c["id"], c["year"]) for c in running.rpc.quality.list_policy_choices(as_("thuky"))] == [
        (policy["id"], 2026)]
    first = submit(running, policy["id"])
    assert (first["number"], first["status"], first["status_label"], first["year"]) == (1, "submitted",
                                                                                         "Trình duyệt", 2026)
    assert first["policy"]["motto"] == policy["content"]["motto"]
    assert [o["target"] for o in first["content"]["objectives"]] == ["98.00", "100.00", "100.00", "100.00"]
    recorded = in_force(running, samples, first["id"], "3-2026-1-SONGANH")
    assert (recorded["status_label"], recorded["recorded_by"]) == ("Đang áp dụng", "u-thuky")
    assert running.rpc.quality.get_objectives_in_force(as_("nhanvien"))["id"] == first["id"]

    # Nâng cấp phiên bản: version 2, edited by the leader, recorded: version 1 is superseded.
    second = submit(running, policy["id"], rows=[("Giải quyết đúng hạn TTHC", "99.5")])
    assert second["number"] == 2
    dossier = ObjectivesDossier(second["id"], code="3-2026-2-SONGANH")
    edited = objectives_content(policy["id"], rows=[("Giải quyết đúng hạn TTHC", "99.75")])
    running.publish(*(samples.envelope(e) for e in (dossier.opened(), dossier.saved(2, edited), dossier.approved(3),
                                                    *dossier.recorded(4))))
    running.wait_until(lambda: running.rpc.quality.get_objectives_in_force(as_("lanhdao"))["id"] == second["id"])
    versions = {v["number"]: (v["status"], v["revision"]) for v in running.rpc.quality.list_objectives(as_("thuky"))}
    assert versions == {1: ("superseded", 1), 2: ("in_force", 2)}
    assert running.rpc.quality.get_objectives(second["id"], as_("thuky"))["content"]["objectives"][0]["target"] == \
        "99.75"
    approvals = events(running, "quality.objectives.approved.v1")
    assert [a["objectives_id"] for a in approvals] == [first["id"], second["id"]]
    (recorded_second,) = [e for e in events(running, "quality.objectives.recorded.v1")
                          if e["objectives_id"] == second["id"]]
    assert recorded_second["replaces_objectives_id"] == first["id"] and recorded_second["in_force"]
    assert [e["revision"] for e in events(running, "quality.objectives.revised.v1")] == [2]


def test_only_the_secretary_submits_and_another_unit_sees_nothing(running, samples, dossier_of):
    policy = issued_policy(running, samples, dossier_of)
    with pytest.raises(Forbidden, match="Chỉ Thư ký ISO được xây dựng mục tiêu chất lượng."):
        running.rpc.quality.submit_objectives({"actor": as_("lanhdao"), "content": objectives_content(policy["id"]),
                                               "route": ROUTE})
    with pytest.raises(InvalidInput, match="Dữ liệu không hợp lệ"):
        submit(running, policy["id"], rows=[("Mục tiêu", "100.5")])
    with pytest.raises(AuthenticationFailed):
        running.rpc.quality.list_objectives(dict(as_("thuky"), unit_code="KHAC"))
    view = submit(running, policy["id"])
    stranger = as_("lanhdao", unit_code="KHAC")
    with pytest.raises(NotFound, match="Không tìm thấy mục tiêu chất lượng."):
        running.rpc.quality.get_objectives(view["id"], stranger)
    assert running.rpc.quality.list_objectives(stranger) == [] and running.rpc.quality.list_policy_choices(
        stranger) == []
    assert running.rpc.quality.get_objectives_in_force(stranger) is None


def test_department_heads_take_objectives_and_measure_only_their_department(running, samples, dossier_of):
    policy = issued_policy(running, samples, dossier_of)
    with pytest.raises(InvalidInput, match="chưa có mục tiêu chất lượng đang áp dụng"):
        running.rpc.quality.set_department_objectives({"actor": as_("truongphong"), "department_id": "d-kh",
                                                       "objectives": []})
    version = in_force(running, samples, submit(running, policy["id"])["id"], "3-2026-1-SONGANH")
    head = as_("truongphong")
    taken = running.rpc.quality.set_department_objectives({"actor": head, "department_id": "d-kh", "objectives": [
        {"objective_no": 1, "target": "96", "period": "month"},
        {"objective_no": 3, "target": "100", "period": "quarter"}]})
    assert [(t["objective_no"], t["unit_target"], t["target"], t["period"]) for t in taken] == [
        (1, "98.00", "96.00", "month"), (3, "100.00", "100.00", "quarter")]
    with pytest.raises(Forbidden, match="Chỉ Trưởng phòng của phòng ban này"):
        running.rpc.quality.set_department_objectives({"actor": as_("truongphong2"), "department_id": "d-kh",
                                                       "objectives": []})
    monthly = taken[0]["id"]
    met = running.rpc.quality.record_measurement({"actor": head, "department_objective_id": monthly,
                                                  "period_key": "2026-01", "measured": "97.5"})
    assert (met["measured"], met["target"], met["met"], met["revision"]) == ("97.50", "96.00", True, 1)
    with pytest.raises(InvalidInput, match="Nguyên nhân và Hành động khắc phục"):
        running.rpc.quality.record_measurement({"actor": head, "department_objective_id": monthly,
                                                "period_key": "2026-02", "measured": "90"})
    missed = running.rpc.quality.record_measurement({
        "actor": head, "department_objective_id": monthly, "period_key": "2026-02", "measured": "90",
        "cause": "Khách hàng chưa hiểu", "corrective_action": "Hướng dẫn lại quy trình"})
    assert (missed["met"], missed["cause"]) == (False, "Khách hàng chưa hiểu")
    corrected = running.rpc.quality.record_measurement({"actor": head, "department_objective_id": monthly,
                                                        "period_key": "2026-01", "measured": "99"})
    assert (corrected["id"], corrected["revision"]) == (met["id"], 2)
    for who in (as_("truongphong2"), as_("lanhdao"), as_("nhanvien")):
        with pytest.raises(Forbidden):
            running.rpc.quality.record_measurement({"actor": who, "department_objective_id": monthly,
                                                    "period_key": "2026-03", "measured": "99"})
    with pytest.raises(NotFound):
        running.rpc.quality.record_measurement({"actor": as_("truongphong", unit_code="KHAC"),
                                                "department_objective_id": monthly, "period_key": "2026-03",
                                                "measured": "99"})
    with pytest.raises(InvalidInput, match="theo quý"):
        running.rpc.quality.record_measurement({"actor": head, "department_objective_id": taken[1]["id"],
                                                "period_key": "2026-03", "measured": "100"})

    report = running.rpc.quality.measurement_report({"actor": as_("lanhdao")})
    assert (report["year"], report["objectives_id"]) == (2026, version["id"])
    series = {s["objective"]["objective_no"]: [(p["period_key"], p["measured"], p["met"]) for p in s["points"]]
              for s in report["series"]}
    assert series == {1: [("2026-01", "99.00", True), ("2026-02", "90.00", False)], 3: []}
    only_one = running.rpc.quality.measurement_report({"actor": as_("thuky"), "department_id": "d-kh",
                                                       "objective_no": 3})
    assert [s["objective"]["objective_no"] for s in only_one["series"]] == [3]
    assert running.rpc.quality.measurement_report({"actor": as_("truongphong2")})["series"] == []
    with pytest.raises(Forbidden):
        running.rpc.quality.measurement_report({"actor": head, "department_id": "d-cn"})
    with pytest.raises(Forbidden):
        running.rpc.quality.measurement_report({"actor": as_("nhanvien")})
    assert [o["objective_no"] for o in running.rpc.quality.list_department_objectives({"actor": head})] == [1, 3]

    (taken_event,) = events(running, "quality.department_objectives.set.v1")
    assert (taken_event["department_id"], taken_event["objectives_id"], taken_event["year"]) == (
        "d-kh", version["id"], 2026)
    recorded = events(running, "quality.measurement.recorded.v1")
    assert [(e["period_key"], e["measured"], e["met"], e["revision"]) for e in recorded] == [
        ("2026-01", "97.50", True, 1), ("2026-02", "90.00", False, 1), ("2026-01", "99.00", True, 2)]
    assert recorded[1]["objective_name"] == "Đảm bảo sự hài lòng của khách hàng giải quyết DVC"
    assert recorded[1]["corrective_action"] == "Hướng dẫn lại quy trình" and recorded[1]["target"] == "96.00"
    assert running.audit_problems() == []
