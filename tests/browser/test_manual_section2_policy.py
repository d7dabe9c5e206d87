"""Manual section 2, "Chính sách chất lượng", as the ISO secretary and the unit leader do it.

Through the real gateway, services, RabbitMQ and PostgreSQL; screenshots in test-artifacts/browser/.
"""
import re
import time
from datetime import date, timedelta

import a11y
import pytest
import requests
from manual_steps import choose, log_in, log_out
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.integration]

MOTTO = "Không ngừng nâng cao chất lượng hoạt động quản lý nhà nước và dịch vụ công về KHCN"
STATEMENTS = ["Thực hiện tốt vai trò quản lý nhà nước về KHCN",
              "Không ngừng nâng cao chất lượng dịch vụ công",
              "Sự hài lòng của cơ quan và người dân là thước đo hiệu quả công việc"]
EDITED_MOTTO = MOTTO + " và chuyển đổi số"


def open_from_todo(page, base, shot, name):
    """Kiểm soát hoạt động ISO → Chưa xử lý → the policy dossier (it arrives through events)."""
    page.get_by_role("link", name="Kiểm soát hoạt động ISO").first.click()
    for _ in range(40):
        page.get_by_role("link", name=re.compile("Chưa xử lý")).click()
        row = page.locator("tr", has_text="Lập chính sách chất lượng")
        if row.count():
            break
        page.wait_for_timeout(500)
    expect(row).to_have_count(1)
    shot(page, name, small=True)
    row.get_by_role("link").first.click()


def test_secretary_drafts_leader_edits_and_approves_secretary_issues(running_eiso, page, shot, tmp_path):
    base = running_eiso
    deadline = (date.today() + timedelta(days=5)).strftime("%d/%m/%Y")

    # Thư ký ISO drafts the policy and submits it to the leader.
    log_in(page, base, "thuky")
    shot(page, "01-thuky-trang-chu", small=True)
    page.get_by_role("link", name="Chính sách chất lượng").first.click()
    a11y.check(page)
    page.get_by_role("link", name="Lập chính sách chất lượng").click()
    shot(page, "02a-thuky-lap-chinh-sach-trong", small=True)
    page.get_by_label("Năm").fill(str(date.today().year))
    page.get_by_label("Phương châm").fill(MOTTO)
    page.get_by_label("Chính sách", exact=True).fill("\n".join(STATEMENTS))
    attachment = tmp_path / "To trinh chinh sach.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% To trinh chinh sach chat luong\n")
    page.get_by_label("Tập tin").set_input_files(str(attachment))
    page.get_by_label("Chọn phòng ban").select_option(label="Ban Giám đốc")
    choose(page, "Chọn người xử lý", "Nguyễn Văn An")
    page.get_by_label("Hạn cuối xử lý").fill(deadline)
    page.get_by_label("Ý kiến").fill("Kính trình Lãnh đạo phê duyệt chính sách chất lượng.")
    shot(page, "02-thuky-lap-chinh-sach")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã trình chính sách chất lượng")
    shot(page, "03-thuky-da-trinh")
    log_out(page)

    # Lãnh đạo: Kiểm soát hoạt động ISO → Chưa xử lý → "Lập chính sách chất lượng".
    log_in(page, base, "lanhdao")
    open_from_todo(page, base, shot, "04-lanhdao-chua-xu-ly")
    # Thông tin hồ sơ: the preview and the step timeline.
    expect(page.locator("main")).to_contain_text("Thông tin hồ sơ")
    expect(page.locator("main")).to_contain_text(MOTTO)
    expect(page.locator("main")).to_contain_text("Bước 2: Lãnh đạo phê duyệt")
    expect(page.locator("main")).to_contain_text("To trinh chinh sach.pdf")
    shot(page, "05-lanhdao-thong-tin-ho-so", small=True)
    # Xử lý: edit the motto, Duyệt, choose who issues it (Văn phòng sở / Thư ký ISO), Lưu.
    page.get_by_role("link", name="Xử lý").first.click()
    shot(page, "06a-lanhdao-xu-ly", small=True)
    page.get_by_label("Phương châm").fill(EDITED_MOTTO)
    page.get_by_label("Duyệt", exact=True).check()
    page.get_by_label("Chọn phòng ban").select_option(label="Văn phòng sở")
    choose(page, "Chọn người xử lý", "Trần Thị Bình")
    page.get_by_label("Hạn cuối xử lý").fill(deadline)
    page.get_by_label("Ý kiến").fill("Đồng ý. Chuyển Thư ký ISO ban hành.")
    shot(page, "06-lanhdao-xu-ly-duyet")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Bước 3: Ban hành chính sách chất lượng")
    shot(page, "07-lanhdao-da-duyet")
    log_out(page)

    # Thư ký ISO issues the approved policy (Ban hành).
    log_in(page, base, "thuky")
    open_from_todo(page, base, shot, "08-thuky-chua-xu-ly")
    expect(page.locator("main")).to_contain_text(EDITED_MOTTO)
    page.get_by_role("link", name="Xử lý").first.click()
    a11y.check(page)
    page.get_by_label("Ban hành", exact=True).check()
    page.get_by_label("Ý kiến").fill("Đã ban hành.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Hoàn thành")
    shot(page, "09-thuky-hoan-thanh")

    # The policy in force is on the home page (it arrives through events).
    for _ in range(40):
        page.get_by_role("link", name="Trang chủ").first.click()
        if page.locator("main", has_text=EDITED_MOTTO).count():
            break
        page.wait_for_timeout(500)
    expect(page.locator("main")).to_contain_text(EDITED_MOTTO)
    for statement in STATEMENTS:
        expect(page.locator("main")).to_contain_text(statement)
    shot(page, "10-trang-chu-chinh-sach-dang-ap-dung")
    log_out(page)

    # The leader sees the dossier under Hoàn thành hồ sơ, every step done.
    log_in(page, base, "lanhdao")
    page.get_by_role("link", name="Kiểm soát hoạt động ISO").first.click()
    page.get_by_role("link", name=re.compile("Hoàn thành hồ sơ")).click()
    row = page.locator("tr", has_text="Lập chính sách chất lượng")
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    steps = page.locator("ol.timeline > li")
    expect(steps).to_have_count(3)
    for index, action in enumerate(["Trình duyệt", "Duyệt", "Ban hành"]):
        expect(steps.nth(index).locator(".status")).to_contain_text("Đã xử lý")
        expect(steps.nth(index)).to_contain_text(action)
    shot(page, "11-lanhdao-hoan-thanh-ho-so")


def api_token(base, username):
    response = requests.post(f"{base}/api/v1/auth/token", json={"username": username, "password": "Demo@2026"},
                             timeout=10)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_someone_else_cannot_process_the_leaders_step(running_eiso, page):
    """Hiding the button is not the check: a direct request by another person is refused and changes nothing;
    someone who takes no part in the dossier does not see it at all."""
    base = running_eiso
    secretary, leader, head = (api_token(base, name) for name in ("thuky", "lanhdao", "truongphong"))
    people = requests.get(f"{base}/api/v1/people", params={"role": "leader"}, headers=secretary, timeout=10).json()
    chosen = people[0]
    deadline = (date.today() + timedelta(days=3)).isoformat()
    submitted = requests.post(f"{base}/api/v1/quality/policies", headers=secretary, timeout=10, json={
        "content": {"year": date.today().year, "motto": "Phương châm thử", "statements": ["Chính sách thử"]},
        "route": {"department_id": chosen["department_id"], "handler_id": chosen["id"], "deadline": deadline},
        "request_id": "browser-refusal-1"})
    assert submitted.status_code == 201, submitted.text
    policy_id = submitted.json()["id"]
    for _ in range(60):
        code = requests.get(f"{base}/api/v1/quality/policies/{policy_id}", headers=leader, timeout=10).json()["dossier_code"]
        if code:
            break
        time.sleep(0.25)
    assert code
    before = requests.get(f"{base}/api/v1/dossiers/{code}", headers=leader, timeout=10).json()

    # A department head who takes no part in it does not even see it (the workflow's visibility rule).
    unseen = requests.post(f"{base}/api/v1/dossiers/{code}/actions", headers=head, timeout=10,
                           json={"expected_version": before["version"], "action": "approve"})
    assert unseen.status_code == 404, unseen.text
    # The secretary sees it (she opened it) but is not the handler of step 2: refused with a clear message.
    refused = requests.post(f"{base}/api/v1/dossiers/{code}/actions", headers=secretary, timeout=10,
                            json={"expected_version": before["version"], "action": "approve"})
    assert refused.status_code == 403
    assert refused.json()["error"] == "FORBIDDEN" and "người xử lý" in refused.json()["message"]

    # Through the browser: no "Xử lý" button, and opening the process page by its address only explains why.
    log_in(page, base, "thuky")
    page.goto(f"{base}/dossiers/{code}")
    a11y.check(page)
    expect(page.get_by_role("link", name="Xử lý", exact=True)).to_have_count(0)
    page.goto(f"{base}/dossiers/{code}/process")
    expect(page).to_have_url(re.compile(f"/dossiers/{code}$"))
    expect(page.locator("main")).to_contain_text("Bạn không phải người xử lý bước hiện tại của hồ sơ này.")
    a11y.check(page)
    # A forged form post (with a valid CSRF token of this session) is refused too.
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    forged = page.request.post(f"{base}/dossiers/{code}/process",
                               form={"csrf_token": token, "expected_version": str(before["version"]),
                                     "action": "approve"})
    assert forged.status == 409

    after = requests.get(f"{base}/api/v1/dossiers/{code}", headers=leader, timeout=10).json()
    assert after["version"] == before["version"] and after["history"] == before["history"]
