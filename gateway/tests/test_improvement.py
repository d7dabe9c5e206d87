"""Cải tiến liên tục and Điểm không phù hợp: proposals, the leader's Phê duyệt / Không duyệt (with a reason),
reports of nonconformities; bad input refused in Vietnamese with nothing sent, another unit's never shown."""
import uuid


def propose(client, auth, **fields):
    data = {"csrf_token": auth.csrf("/improvements/new"), "request_id": str(uuid.uuid4()), "title": "Số hóa sổ",
            "current_situation": "Viết tay", "proposal": "Bảng tính", "expected_benefit": "Nhanh",
            "department_id": "d-khoahoc"}
    data.update(fields)
    return client.post("/improvements/new", data=data)


def test_a_proposal_then_phe_duyet_for_the_leader_only(client, auth, fake):
    auth.login_as("staff")
    assert propose(client, auth).status_code == 302
    html = client.get("/improvements/").get_data(as_text=True)
    assert "Số hóa sổ" in html and "Chờ phê duyệt" in html and ">Phê duyệt</button>" not in html
    auth.logout()
    auth.login_as("leader")
    html = client.get("/improvements/").get_data(as_text=True)
    assert ">Phê duyệt</button>" in html
    item = next(iter(fake.quality.improvements))
    response = client.post(f"/improvements/{item}/approve", data={"csrf_token": auth.csrf("/improvements/")},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Đã phê duyệt đề xuất cải tiến." in html and "Đã phê duyệt" in html and ">Phê duyệt</button>" not in html


def test_bad_input_is_refused_in_vietnamese_and_nothing_is_sent(client, auth, fake):
    auth.login_as("staff")
    response = propose(client, auth, title="", department_id="")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tên đề xuất: không được để trống" in html and "Phòng ban: không được để trống" in html
    assert fake.sent("quality", "propose_improvement") == []
    propose(client, auth)
    item = next(iter(fake.quality.improvements))
    auth.logout()
    auth.login_as("leader")
    refused = client.post(f"/improvements/{item}/refuse", data={"csrf_token": auth.csrf("/improvements/"),
                                                               "reason": "  "})
    assert refused.status_code == 422 and "Lý do không duyệt: không được để trống" in refused.get_data(as_text=True)
    assert fake.sent("quality", "refuse_improvement") == []
    done = client.post(f"/improvements/{item}/refuse", data={"csrf_token": auth.csrf("/improvements/"),
                                                            "reason": "Chưa có kinh phí"}, follow_redirects=True)
    assert "Không duyệt" in done.get_data(as_text=True)
    auth.logout()
    auth.login("khac")
    assert client.get(f"/improvements/{item}").status_code == 404


def test_anyone_reports_a_nonconformity_with_its_files(client, auth, fake):
    auth.login_as("staff")
    token = auth.csrf("/nonconformities/new")
    empty = client.post("/nonconformities/new", data={"csrf_token": token, "source": "complaint",
                                                      "department_id": "d-khoahoc", "description": ""})
    assert empty.status_code == 422 and "Mô tả điểm không phù hợp: không được để trống" in empty.get_data(as_text=True)
    assert fake.sent("quality", "raise_nonconformity") == []
    created = client.post("/nonconformities/new", data={
        "csrf_token": token, "source": "complaint", "department_id": "d-khoahoc", "clause": "8.2.1",
        "description": "Người dân phản ánh trả kết quả trễ", "evidence": "Phiếu số 12"}, follow_redirects=True)
    html = created.get_data(as_text=True)
    assert "hồ sơ hành động khắc phục đang được mở" in html and "Phản ánh, khiếu nại" in html
    assert "Người dân phản ánh trả kết quả trễ" in client.get("/nonconformities/").get_data(as_text=True)
    (nc,) = fake.quality.nonconformities.values()
    fake.quality.nonconformities[nc.id] = nc.model_copy(update={"attachments": ["f-seed", "f-other"]})
    shown = client.get(f"/nonconformities/{nc.id}").get_data(as_text=True)
    assert "Tờ trình chính sách.pdf" in shown and "bí mật.txt" not in shown   # its files by name, never another unit's
