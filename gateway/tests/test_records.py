"""Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ in the gateway: lists, the archive form, loans, destruction lists."""
import io

from fakes import TODAY


def record_by_number(fake, number):
    return next(r for r in fake.documents.records.values() if r.number == number)


def test_the_archive_lists_the_units_records_with_retention_and_location(client, auth, fake):
    auth.login_as("staff")
    html = client.get("/records/").get_data(as_text=True)
    assert "HS-2019-07" in html and "Hồ sơ đề tài đường giao thông" in html
    assert "2 năm" in html and "Kho 1, Hộp 2" in html
    assert "Lưu trữ hồ sơ mới" not in html  # staff do not archive
    client.get("/records/?record_type=nhiem_vu&state=archived&department_id=d-khoahoc")
    (query,), _ = fake.last("documents", "list_records")
    assert (query["record_type"], query["state"], query["department_id"]) == ("nhiem_vu", "archived", "d-khoahoc")


def test_archiving_a_record_with_a_checked_file(client, auth, fake, documents):
    auth.login_as("dept_head")
    html = client.get("/records/new").get_data(as_text=True)
    for label in ("Hồ sơ đã hoàn thành", "Số, ký hiệu", "Tên hồ sơ", "Loại hồ sơ", "Ngày kết thúc",
                  "Thời hạn lưu trữ", "Vĩnh viễn", "Kho", "Giá", "Hộp", "Tập tin"):
        assert label in html, label
    data = {"csrf_token": auth.csrf("/records/new"), "number": "HS-2026-09", "title": "Hồ sơ kiểm tra định kỳ",
            "record_type": "cong_viec", "department_id": "d-khoahoc", "closed_on": f"{TODAY:%d/%m/%Y}",
            "retention_years": "10", "store": "Kho 2", "shelf": "Giá 1", "box": "Hộp 7",
            "files": (io.BytesIO(b"%PDF-1.4 bien ban kiem tra"), "Biên bản kiểm tra.pdf")}
    response = client.post("/records/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    (command,), _ = fake.last("documents", "archive_record")
    assert (command["number"], command["retention_years"], command["location"]["box"]) == ("HS-2026-09", 10, "Hộp 7")
    assert command["closed_on"] == TODAY.isoformat() and len(command["files"]) == 1
    assert fake.sent("documents", "grant_checked_upload")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "HS-2026-09" in page and "Biên bản kiểm tra.pdf" in page


def test_the_archive_form_says_what_is_missing_before_uploading(client, auth, fake, documents):
    auth.login_as("secretary")
    data = {"csrf_token": auth.csrf("/records/new"), "number": "", "title": "", "record_type": "khac",
            "department_id": "", "closed_on": "hôm qua", "retention_years": "0",
            "files": (io.BytesIO(b"%PDF-1.4 x"), "x.pdf")}
    response = client.post("/records/new", data=data, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    for sentence in ("Số, ký hiệu: không được để trống", "Tên hồ sơ: không được để trống",
                     "Ngày kết thúc: nhập ngày dạng dd/mm/yyyy", "Phòng ban: vui lòng chọn phòng ban",
                     "Thời hạn lưu trữ: nhập số năm từ 1 đến 100"):
        assert sentence in html, sentence
    assert not fake.sent("documents", "grant_checked_upload") and documents.uploads == []


def test_a_loan_asked_approved_by_the_department_head_and_returned(client, auth, fake):
    record = record_by_number(fake, "HS-2025-01")
    auth.login_as("staff")
    data = {"csrf_token": auth.csrf("/records/loans"), "record_id": record.id, "purpose": "Đối chiếu số liệu",
            "borrowed_on": f"{TODAY:%d/%m/%Y}", "due_on": f"{TODAY:%d/%m/%Y}", "request_id": "r-1"}
    assert client.post("/records/loans", data=data).status_code == 302
    (loan,) = fake.documents.loans.values()
    assert loan.status == "requested"
    auth.logout()
    auth.login_as("dept_head")
    html = client.get("/records/loans").get_data(as_text=True)
    assert 'name="decision" value="approve"' in html and "Đối chiếu số liệu" in html
    token = auth.csrf("/records/loans")
    assert client.post(f"/records/loans/{loan.id}/decide", data={"csrf_token": token, "decision": "approve"}) \
        .status_code == 302
    assert fake.documents.loans[loan.id].status == "approved"
    html = client.get("/records/loans").get_data(as_text=True)
    assert "Ghi nhận trả" in html
    assert client.post(f"/records/loans/{loan.id}/return", data={"csrf_token": token}).status_code == 302
    assert fake.documents.loans[loan.id].status == "returned"


def test_only_the_head_of_the_records_department_decides(client, auth, fake):
    record = record_by_number(fake, "HS-2025-01")
    auth.login_as("staff")
    client.post("/records/loans", data={"csrf_token": auth.csrf("/records/loans"), "record_id": record.id,
                                        "purpose": "Tra cứu", "borrowed_on": f"{TODAY:%d/%m/%Y}",
                                        "due_on": f"{TODAY:%d/%m/%Y}"})
    (loan,) = fake.documents.loans.values()
    auth.logout()
    auth.login_as("leader")
    assert 'value="approve"' not in client.get("/records/loans").get_data(as_text=True)
    response = client.post(f"/records/loans/{loan.id}/decide",
                           data={"csrf_token": auth.csrf("/records/loans"), "decision": "approve"})
    assert response.status_code == 403
    assert fake.documents.loans[loan.id].status == "requested"


def test_overdue_loans_are_listed_at_the_top(client, auth, fake):
    record = record_by_number(fake, "HS-2025-01")
    loan = fake.documents.loans["l-1"] = fake.documents.request_loan({
        "actor": {"id": "p-staff", "unit_code": "SONGANH", "department_id": "d-khoahoc"}, "record_id": record.id,
        "purpose": "Quá hạn", "borrowed_on": "2020-01-01", "due_on": "2020-01-10"})
    fake.documents.loans[loan.id] = loan.model_copy(update={"status": "approved", "overdue": True})
    auth.login_as("dept_head")
    html = client.get("/records/loans").get_data(as_text=True)
    assert "Hồ sơ quá hạn trả" in html and '<tr class="is-overdue">' in html and "10/01/2020" in html


def test_destruction_page_lists_records_past_retention_and_the_secretary_proposes(client, auth, fake):
    old = record_by_number(fake, "HS-2019-07")
    auth.login_as("secretary")
    html = client.get("/records/destruction").get_data(as_text=True)
    assert f'value="{old.id}"' in html and "HS-2025-01" not in html
    form = client.get(f"/records/destruction/new?record={old.id}").get_data(as_text=True)
    assert f'name="content_record_ids" value="{old.id}" checked' in form
    assert "Bước 2: Lãnh đạo phê duyệt hủy hồ sơ" in form
    data = {"csrf_token": auth.csrf("/records/destruction/new"), "request_id": "0b5e2d1c-3f4a-4b6c-8d9e-0f1a2b3c4d5e",
            "content_record_ids": [old.id], "content_reason": "Hết thời hạn lưu trữ", "next_department_id": "d-bgd",
            "next_handler_id": "p-leader", "next_deadline": f"{TODAY:%d/%m/%Y}"}
    response = client.post("/records/destruction/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    (command,), _ = fake.last("documents", "propose_destruction")
    assert command["content"] == {"record_ids": [old.id], "reason": "Hết thời hạn lưu trữ"}
    assert "Đã trình danh sách hủy hồ sơ" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_leader_sees_duyet_on_a_proposed_list_and_the_minutes_once_executed(client, auth, fake):
    old = record_by_number(fake, "HS-2019-07")
    proposed = fake.documents.propose_destruction({
        "actor": {"id": "p-secretary", "unit_code": "SONGANH", "roles": ["secretary"]},
        "content": {"record_ids": [old.id], "reason": "Hết hạn"},
        "route": {"department_id": "d-bgd", "handler_id": "p-leader", "deadline": TODAY.isoformat()}})
    fake.documents.destructions[proposed.id] = proposed.model_copy(update={"dossier_code": "12-2026-1-SONGANH"})
    auth.login_as("leader")
    html = client.get("/records/destruction").get_data(as_text=True)
    assert '<a class="btn btn-small btn-primary" href="/dossiers/12-2026-1-SONGANH/process">Duyệt</a>' in html
    fake.documents.destructions[proposed.id] = proposed.model_copy(update={
        "dossier_code": "12-2026-1-SONGANH", "status": "executed", "status_label": "Đã hủy", "files_deleted": 1,
        "executed_at": proposed.proposed_at, "minutes_file_id": "f-seed"})
    html = client.get("/records/destruction").get_data(as_text=True)
    assert "1 tệp đã xóa" in html and 'href="/files/f-seed"' in html


def test_a_proposal_the_service_refuses_keeps_the_form(client, auth, fake):
    recent = record_by_number(fake, "HS-2025-01")
    auth.login_as("secretary")
    data = {"csrf_token": auth.csrf("/records/destruction/new"), "content_record_ids": [recent.id],
            "content_reason": "Thử", "next_department_id": "d-bgd", "next_handler_id": "p-leader",
            "next_deadline": f"{TODAY:%d/%m/%Y}"}
    response = client.post("/records/destruction/new", data=data)
    assert response.status_code == 422 and "chưa hết thời hạn lưu trữ" in response.get_data(as_text=True)


def test_another_units_record_is_not_found(client, auth, fake):
    other = fake.documents.add_record("KHAC", "HS-KHAC", "Hồ sơ đơn vị khác")
    auth.login_as("leader")
    assert client.get(f"/records/{other.id}").status_code == 404
