"""Objectives and measurement rules without I/O: versions, who submits, in force, department targets, results."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from eiso_contracts.content import ObjectivesContent
from eiso_contracts.errors import Forbidden, InvalidInput
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality_objectives import DepartmentObjectiveInput, SubmitObjectives
from objectives_samples import objectives_content

from eiso_quality.measurement.aggregate import check_result, take
from eiso_quality.measurement.permissions import check_may_measure, visible_departments
from eiso_quality.objectives import submission
from eiso_quality.objectives.aggregate import IN_FORCE, SUPERSEDED, new_objectives, numbers
from eiso_quality.objectives.recording import record

T0 = datetime(2026, 1, 5, 2, 0, tzinfo=timezone.utc)


def version(vid="o1", year=2026, minute=0, unit="SONGANH"):
    made = new_objectives(vid, unit, ObjectivesContent.model_validate(objectives_content("p1", year)), "u-thuky",
                          T0 + timedelta(minutes=minute))
    made.dossier_code = f"3-{year}-{vid}-{unit}"
    return made


def actor(roles, department="d-kh", unit="SONGANH"):
    return Actor(id="u-1", unit_code=unit, roles=list(roles), department_id=department)


def test_targets_are_two_decimal_percentages():
    content = ObjectivesContent.model_validate(objectives_content("p1"))
    assert [str(o.target) for o in content.objectives] == ["98.00", "100.00", "100.00", "100.00"]
    for bad in ("100.01", "-1", "98.123", "nhiều"):
        with pytest.raises(ValueError):
            ObjectivesContent.model_validate(objectives_content("p1", rows=[("Mục tiêu", bad)]))


def test_versions_are_numbered_per_year_in_submission_order():
    found = numbers([version("b", 2026, 5), version("a", 2026, 1), version("c", 2025, 9)])
    assert found == {"a": 1, "b": 2, "c": 1}


def test_only_the_secretary_submits_under_an_issued_policy():
    cmd = SubmitObjectives(actor=actor(["secretary"]), content=objectives_content("p1"),
                           route={"department_id": "d", "handler_id": "h", "deadline": "2026-01-12"})
    made = submission.draft("o1", cmd, T0, {"p1"})
    assert submission.submitted(made, cmd).dossier_request.type_code == "3"
    assert submission.submitted(made, cmd).dossier_request.artefact.title == "Mục tiêu chất lượng năm 2026"
    with pytest.raises(InvalidInput, match="Chính sách chất lượng đã chọn không có"):
        submission.draft("o1", cmd, T0, {"p2"})
    with pytest.raises(Forbidden, match="Chỉ Thư ký ISO"):
        submission.draft("o1", cmd.model_copy(update={"actor": actor(["leader"])}), T0, {"p1"})


def test_recording_puts_a_version_in_force_and_the_later_completion_wins():
    old, new = version("o1"), version("o2", minute=5)
    record(old, None, "u-thuky", T0)
    retired, announced = record(new, old, "u-thuky", T0 + timedelta(hours=1))
    assert retired is old and (old.status, new.status) == (SUPERSEDED, IN_FORCE)
    assert announced.replaces_objectives_id == "o1" and announced.in_force
    late = version("o3", minute=9)
    retired, announced = record(late, new, "u-thuky", T0 + timedelta(minutes=30))  # completed before o2's
    assert retired is None and late.status == SUPERSEDED and not announced.in_force
    assert announced.superseded_by_objectives_id == "o2" and new.status == IN_FORCE


def test_a_department_takes_objectives_with_its_own_target_and_period():
    unit = version()
    ids = iter(["x1", "x2"])
    taken = take(unit, "d-kh", [DepartmentObjectiveInput(objective_no=1, target="96", period="month"),
                               DepartmentObjectiveInput(objective_no=3, target="100", period="quarter")],
                 [], set(), lambda: next(ids), "u-head", T0)
    assert [(o.id, o.objective_no, o.name, o.unit_target, o.target, o.period) for o in taken] == [
        ("x1", 1, "Đảm bảo sự hài lòng của khách hàng giải quyết DVC", Decimal("98.00"), Decimal("96.00"), "month"),
        ("x2", 3, "Giải quyết đầy đủ kịp thời và đúng hạn TTHC", Decimal("100.00"), Decimal("100.00"), "quarter")]
    again = take(unit, "d-kh", [DepartmentObjectiveInput(objective_no=3, target="99", period="quarter")], taken,
                 set(), lambda: "never", "u-head", T0)
    assert [(o.id, o.active, o.target) for o in again] == [("x2", True, Decimal("99.00")), ("x1", False,
                                                                                          Decimal("96.00"))]


@pytest.mark.parametrize("chosen, message", [
    ([(9, "90", "month")], "Mục tiêu số 9 không có"),
    ([(1, "90", "month"), (1, "95", "year")], "chỉ được chọn một lần"),
])
def test_a_department_cannot_take_what_the_unit_has_not(chosen, message):
    inputs = [DepartmentObjectiveInput(objective_no=n, target=t, period=p) for n, t, p in chosen]
    with pytest.raises(InvalidInput, match=message):
        take(version(), "d-kh", inputs, [], set(), lambda: "x", "u-head", T0)


def test_the_period_of_a_measured_objective_stays():
    (taken,) = take(version(), "d-kh", [DepartmentObjectiveInput(objective_no=1, target="96", period="month")], [],
                    set(), lambda: "x1", "u-head", T0)
    with pytest.raises(InvalidInput, match="không đổi được kỳ đo lường"):
        take(version(), "d-kh", [DepartmentObjectiveInput(objective_no=1, target="96", period="year")], [taken],
             {"x1"}, lambda: "x", "u-head", T0)


def test_a_result_fits_its_period_and_year_and_a_miss_needs_its_cause_and_action():
    (monthly,) = take(version(), "d-kh", [DepartmentObjectiveInput(objective_no=1, target="96", period="month")],
                      [], set(), lambda: "x1", "u-head", T0)
    assert check_result(monthly, "2026-03", Decimal("97.00"), "", "") is True
    assert check_result(monthly, "2026-04", Decimal("95.50"), "Khách hàng chưa hiểu", "Hướng dẫn lại") is False
    with pytest.raises(InvalidInput, match="95,50% < 96,00%.*Nguyên nhân và Hành động khắc phục"):
        check_result(monthly, "2026-04", Decimal("95.50"), " ", "")
    with pytest.raises(InvalidInput, match="theo tháng"):
        check_result(monthly, "2026-Q1", Decimal("99"), "", "")
    with pytest.raises(InvalidInput, match="thuộc năm 2026"):
        check_result(monthly, "2025-03", Decimal("99"), "", "")


def test_department_heads_measure_their_own_department_and_see_only_it():
    check_may_measure(actor(["dept_head"], "d-kh"), "d-kh")
    for who, department in ((actor(["dept_head"], "d-kh"), "d-vp"), (actor(["leader"]), "d-kh"),
                            (actor(["staff"], "d-kh"), "d-kh")):
        with pytest.raises(Forbidden, match="Chỉ Trưởng phòng của phòng ban này"):
            check_may_measure(who, department)
    assert visible_departments(actor(["leader"]), None) is None
    assert visible_departments(actor(["secretary"]), "d-vp") == "d-vp"
    assert visible_departments(actor(["dept_head"], "d-kh"), None) == "d-kh"
    with pytest.raises(Forbidden):
        visible_departments(actor(["dept_head"], "d-kh"), "d-vp")
    with pytest.raises(Forbidden):
        visible_departments(actor(["staff"]), None)
