"""The pages of manual sections 1 and 3 against the fake services: what is offered to whom, what is sent."""
from __future__ import annotations

import io
from datetime import date

import pytest
from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRequest
from gateway_helpers import csrf_token
from openpyxl import load_workbook

from eiso_kit.actors import verify
from eiso_kit.testing.actors import TEST_ACTOR_KEY
from eiso_contracts.rpc.common import Actor


def submitted_analysis(fake, year=2026):
    """An analysis the secretary submitted, its dossier waiting for the leader at step 2."""
    analysis = fake.context.add_analysis(year)
    code = fake.workflow.open(DossierRequest(
        type_code="10", unit_code="SONGANH",
        artefact=ArtefactRef(service="context", kind="analysis", id=analysis.id, title=f"Bối cảnh tổ chức năm {year}"),
        opened_by="p-secretary", next=Assignment(department_id="d-bgd", handler_id="p-leader",
                                                 deadline=date(2099, 1, 1))))
    fake.context.analyses[analysis.id] = analysis.model_copy(update={"dossier_code": code})
    return fake.context.analyses[analysis.id]


def test_the_leader_decides_in_the_list_through_the_workflow(client, auth, fake):
    analysis = submitted_analysis(fake)
    auth.login_as("leader")
    html = client.get("/context/analyses").get_data(as_text=True)
    assert "Phê duyệt" in html and "Không duyệt" in html and "Lý do không duyệt" in html
    token = csrf_token(client, "/context/analyses")
    response = client.post(f"/context/analyses/{analysis.id}/decide",
                           data={"csrf_token": token, "action": "approve", "expected_version": "1"})
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert (command["code"], command["action"], command["expected_version"]) == (analysis.dossier_code, "approve", 1)
    assert command["actor"]["id"] == "p-leader"


def test_a_refusal_without_a_reason_sends_nothing(client, auth, fake):
    analysis = submitted_analysis(fake)
    auth.login_as("leader")
    token = csrf_token(client, "/context/analyses")
    response = client.post(f"/context/analyses/{analysis.id}/decide", follow_redirects=True,
                           data={"csrf_token": token, "action": "reject", "expected_version": "1", "comment": " "})
    assert "Vui lòng nhập lý do không duyệt (Ý kiến)." in response.get_data(as_text=True)
    assert fake.sent("workflow", "act") == []


@pytest.mark.parametrize("role", ["secretary", "dept_head", "staff"])
def test_only_the_leader_sees_the_decisions(client, auth, fake, role):
    submitted_analysis(fake)
    auth.login_as(role)
    html = client.get("/context/analyses").get_data(as_text=True)
    assert 'value="approve"' not in html and "Xác nhận không duyệt" not in html


def test_apply_sends_a_signed_actor_and_says_what_happened(client, auth, fake):
    analysis = fake.context.add_analysis(2025, status="approved")
    auth.login_as("leader")
    token = csrf_token(client, "/context/analyses")
    html = client.post(f"/context/analyses/{analysis.id}/apply", data={"csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)
    assert "Đã áp dụng phân tích bối cảnh tổ chức năm 2025" in html
    (sent_id, actor), _ = fake.last("context", "apply_analysis")
    assert sent_id == analysis.id and verify(Actor.model_validate(actor), TEST_ACTOR_KEY).id == "p-leader"
    assert "Đang áp dụng" in client.get("/").get_data(as_text=True)


def test_the_secretary_starts_next_year_from_the_latest_analysis(client, auth, fake):
    analysis = fake.context.add_analysis(2025, status="applied")
    auth.login_as("secretary")
    assert "Lập từ năm 2025" in client.get("/context/analyses").get_data(as_text=True)
    html = client.get(f"/context/analyses/new?from={analysis.id}&year=2026").get_data(as_text=True)
    assert 'name="content_year" type="number" min="2000" max="2100" required value="2026"' in html
    assert 'value="Người dân"' in html


def objectives_in_force(fake):
    policy_id = next(iter(fake.quality.policies))
    fake.quality.policies[policy_id] = fake.quality.policies[policy_id].model_copy(update={"status": "issued"})
    return fake.quality.add_version(2026, policy_id, [("Đảm bảo sự hài lòng của khách hàng giải quyết DVC", "98"),
                                                      ("Giải quyết đúng hạn TTHC", "100")], status="in_force")


def test_the_objectives_form_offers_the_policy_and_refuses_a_bad_target_in_vietnamese(client, auth, fake):
    objectives_in_force(fake)
    auth.login_as("secretary")
    html = client.get("/objectives/new").get_data(as_text=True)
    assert "Chọn chính sách" in html and "Năm 2025 - Không ngừng nâng cao" in html and "Nâng cấp phiên bản" in html
    token = csrf_token(client, "/objectives/new")
    response = client.post("/objectives/new", data={
        "csrf_token": token, "content_year": "2026", "content_policy_id": next(iter(fake.quality.policies)),
        "content_objectives-0-name": "Giải quyết đúng hạn TTHC", "content_objectives-0-target": "100,5",
        "department_id": "d-bgd", "handler_id": "p-leader", "deadline": "2099-01-01"})
    assert response.status_code == 422
    assert "Đo lường (%) (dòng 1): phải từ 0 đến 100" in response.get_data(as_text=True)
    assert fake.sent("quality", "submit_objectives") == []


def test_the_home_page_shows_the_objectives_in_force_with_a_decimal_comma(client, auth, fake):
    objectives_in_force(fake)
    auth.login()
    html = client.get("/").get_data(as_text=True)
    assert "Phiên bản 1" in html and "98,00" in html and "Tổng số: 2" in html


def test_the_department_page_is_for_heads_and_sends_their_department(client, auth, fake):
    objectives_in_force(fake)
    auth.login_as("leader")
    assert client.get("/objectives/department").status_code == 403
    auth.logout()
    auth.login_as("dept_head")
    token = csrf_token(client, "/objectives/department")
    client.post("/objectives/department", data={"csrf_token": token, "objective_no": ["1"], "target-1": "96,5",
                                                "period-1": "month"})
    (command,), _ = fake.last("quality", "set_department_objectives")
    assert command["department_id"] == "d-khoahoc"
    assert command["objectives"] == [{"objective_no": 1, "target": "96.50", "period": "month"}]


def test_results_show_a_chart_a_table_and_export_a_workbook(client, auth, fake):
    objectives_in_force(fake)
    auth.login_as("dept_head")
    token = csrf_token(client, "/objectives/department")
    client.post("/objectives/department", data={"csrf_token": token, "objective_no": ["1"], "target-1": "96",
                                                "period-1": "month"})
    client.post("/objectives/department/measure", data={
        "csrf_token": token, "department_objective_id": "do-d-khoahoc-1", "period_key": "2026-02", "measured": "90",
        "cause": "Khách hàng chưa hiểu", "corrective_action": "Hướng dẫn lại"})
    auth.logout()
    auth.login_as("leader")
    html = client.get("/objectives/results").get_data(as_text=True)
    assert 'class="chart"' in html and "Khách hàng chưa hiểu" in html and "90,00" in html
    svg = client.get("/objectives/results/chart.svg?series=do-d-khoahoc-1")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"90,00" in svg.data
    xlsx = client.get("/objectives/results/export.xlsx")
    assert xlsx.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    assert rows[1][:6] == ("Phòng quản lý Khoa học", "Đảm bảo sự hài lòng của khách hàng giải quyết DVC", 96.0,
                           "Tháng 2/2026", 90.0, "Không đạt")
    auth.logout()
    auth.login_as("staff")
    assert client.get("/objectives/results").status_code == 403
