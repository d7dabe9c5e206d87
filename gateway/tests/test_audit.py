"""Đánh giá nội bộ: the programme grid and its Phê duyệt, the secretary's edit, an audit's plan and findings.

The rules are the audit service's (played by the fake); these check what the pages show and send, and that
bad input is refused with a Vietnamese sentence before anything is sent.
"""
import re
from datetime import date

from fakes import TODAY

from eiso_kit.testing.actors import signed

YEAR = TODAY.year


def draft(fake, cells, by="p-secretary"):
    actor = signed({"id": by, "unit_code": "SONGANH", "roles": ["secretary"]})  # as the gateway sends it
    fake.call("audit", "draft_programme", {"actor": actor, "year": YEAR,
                                           "entries": [{"month": m, "department_id": d} for m, d in cells]})


def test_the_grid_tells_each_month_by_hover_focus_and_screen_reader_and_only_the_leader_approves(client, auth, fake):
    draft(fake, [(3, "d-khoahoc"), (3, "d-vp"), (9, "d-thanhtra")])
    auth.login_as("secretary")
    html = client.get("/audit/programme").get_data(as_text=True)
    assert "Chờ phê duyệt" in html and ">Phê duyệt</button>" not in html
    auth.logout()
    auth.login_as("leader")
    html = client.get("/audit/programme").get_data(as_text=True)
    march = re.search(r'<button type="button" class="month-tip" aria-describedby="pending-tip-3">Tháng 3</button>\s*'
                      r'<span class="tooltip" role="tooltip" id="pending-tip-3">([^<]*)</span>', html)
    assert march and march.group(1) == "Đánh giá: Văn phòng sở, Phòng quản lý Khoa học"
    assert "Không có phòng ban nào được đánh giá" in html          # the other months say so too
    assert ">Phê duyệt</button>" in html

    token = auth.csrf("/audit/programme")
    response = client.post("/audit/programme/approve", data={"csrf_token": token, "year": YEAR, "revision": "1"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Đã phê duyệt chương trình đánh giá năm {YEAR}." in page and "Đã phê duyệt" in page
    assert ">Phê duyệt</button>" not in page
    # Approving again (a second click, another leader) is answered, not a failure.
    response = client.post("/audit/programme/approve", data={"csrf_token": token, "year": YEAR, "revision": "1"},
                           follow_redirects=True)
    assert "không có bản nào chờ phê duyệt" in response.get_data(as_text=True)


def test_an_empty_grid_is_refused_in_vietnamese_and_nothing_is_sent(client, auth, fake):
    auth.login_as("secretary")
    token = auth.csrf("/audit/programme/edit")
    response = client.post("/audit/programme/edit", data={"csrf_token": token, "year": YEAR, "cell": ["x", "13"]})
    assert response.status_code == 422
    assert "Chương trình đánh giá cần ít nhất một phòng ban trong một tháng." in response.get_data(as_text=True)
    assert fake.sent("audit", "draft_programme") == []


def test_only_the_secretary_gets_the_editing_form(client, auth):
    auth.login_as("leader")
    assert client.get("/audit/programme/edit").status_code == 403


def test_the_secretary_saves_the_ticked_cells(client, auth, fake):
    auth.login_as("secretary")
    token = auth.csrf("/audit/programme/edit")
    response = client.post("/audit/programme/edit", data={"csrf_token": token, "year": YEAR, "note": "Định kỳ",
                                                          "cell": ["3:d-khoahoc", "6:d-vp"]})
    assert response.status_code == 302
    (sent,), _ = fake.last("audit", "draft_programme")
    assert sent["entries"] == [{"month": 3, "department_id": "d-khoahoc"}, {"month": 6, "department_id": "d-vp"}]
    assert sent["actor"]["id"] == "p-secretary" and sent["note"] == "Định kỳ"


def plan_form(auth, **fields):
    data = {"csrf_token": auth.csrf("/audit/plans/new"), "audit_date": date(YEAR, 3, 12).isoformat(),
            "department_ids": ["d-khoahoc"], "scope": "Cấp phép", "criteria": "TCVN ISO 9001:2015",
            "lead_auditor_id": "p-auditor", "checklist": "7.5.3 | Hồ sơ có được lưu trữ?"}
    data.update(fields)
    return data


def approved_programme(fake):
    draft(fake, [(3, "d-khoahoc")])
    leader = signed({"id": "p-leader", "unit_code": "SONGANH", "roles": ["leader"]})
    fake.call("audit", "approve_programme", {"actor": leader, "year": YEAR, "revision": 1})


def test_planning_refusals_keep_the_form_and_name_the_problem(client, auth, fake):
    approved_programme(fake)
    auth.login_as("auditor")
    bad_line = client.post("/audit/plans/new", data=plan_form(auth, checklist="không có dấu gạch"))
    assert bad_line.status_code == 422 and "Danh mục kiểm tra (dòng 1)" in bad_line.get_data(as_text=True)
    empty = client.post("/audit/plans/new", data=plan_form(auth, scope="", department_ids=[]))
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert "Phạm vi đánh giá: không được để trống" in html and "Phòng ban được đánh giá" in html
    assert fake.sent("audit", "plan_audit") == []
    own = client.post("/audit/plans/new", data=plan_form(auth, department_ids=["d-thanhtra"]))
    assert own.status_code == 422 and "không được đánh giá phòng ban của chính mình" in own.get_data(as_text=True)
    assert "Cấp phép" in own.get_data(as_text=True)                     # what was typed stays


def test_a_planned_audit_takes_findings_from_its_team_only(client, auth, fake):
    auth.login_as("auditor")
    unplanned = client.post("/audit/plans/new", data=plan_form(auth))
    assert unplanned.status_code == 422 and "chưa được phê duyệt" in unplanned.get_data(as_text=True)
    approved_programme(fake)
    response = client.post("/audit/plans/new", data=plan_form(auth))
    assert response.status_code == 302
    page = response.headers["Location"]
    html = client.get(page).get_data(as_text=True)
    assert "Ghi nhận phát hiện" in html and "Hồ sơ có được lưu trữ?" in html
    token = auth.csrf(page)
    missing = client.post(f"{page}/findings", data={"csrf_token": token, "kind": "nonconformity", "clause": "7.5.3",
                                                   "department_id": "d-khoahoc", "description": "", "evidence": "x"})
    assert missing.status_code == 422 and "Mô tả: không được để trống" in missing.get_data(as_text=True)
    recorded = client.post(f"{page}/findings", data={"csrf_token": token, "kind": "nonconformity", "clause": "7.5.3",
                                                    "department_id": "d-khoahoc", "description": "Thiếu danh mục",
                                                    "evidence": "5 hồ sơ"}, follow_redirects=True)
    assert "Đã ghi nhận phát hiện số 1." in recorded.get_data(as_text=True)
    auth.logout()
    auth.login_as("secretary")                                         # not in the team: no form
    assert "Ghi nhận phát hiện" not in client.get(page).get_data(as_text=True).split("Các phát hiện")[1]
    auth.logout()
    auth.login("khac")                                                 # another unit: not found
    assert client.get(page).status_code == 404
