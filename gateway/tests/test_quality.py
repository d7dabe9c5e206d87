"""Chính sách chất lượng: the list, "Lập chính sách chất lượng" (idempotent), the detail page."""
import io
import re
import uuid
from datetime import timedelta

import pytest
from eiso_contracts.errors import Conflict
from fakes import TODAY

NEW = "/quality/policies/new"
DEADLINE = (TODAY + timedelta(days=3)).isoformat()


def draft(auth, **fields):
    data = {"csrf_token": auth.csrf(NEW), "request_id": str(uuid.uuid4()), "content_year": "2026",
            "content_motto": "Hướng tới sự hài lòng", "content_statements": "Minh bạch\nĐúng hạn\n",
            "next_department_id": "d-bgd", "next_handler_id": "p-leader", "next_deadline": DEADLINE,
            "comment": "Kính trình"}
    data.update(fields)
    return data


def test_list_of_the_units_policies(client, auth):
    auth.login()
    html = client.get("/quality/policies").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td><a href=\"/quality/policies/([\w-]+)\">(\d{4})</a></td>.*?</tr>", html, re.S)
    assert [year for _, year in rows] == ["2026", "2025"]
    assert "Đang áp dụng" in html and "Trình duyệt" in html
    assert '<a class="code" href="/dossiers/1-2025-1-SONGANH">1-2025-1-SONGANH</a>' in html
    assert "Lập chính sách chất lượng" not in html  # the leader does not draft


def test_secretary_gets_the_drafting_button(client, auth):
    auth.login_as("secretary")
    html = client.get("/quality/policies").get_data(as_text=True)
    assert '<a class="btn btn-primary" href="/quality/policies/new">Lập chính sách chất lượng</a>' in html


def test_drafting_form(client, auth, fake):
    auth.login_as("secretary")
    html = client.get(NEW).get_data(as_text=True)
    for label in ('<label for="content_year">Năm</label>', '<label for="content_motto">Phương châm</label>',
                  '<label for="content_statements">Chính sách</label>', '<label for="files">Tập tin</label>',
                  "Bước xử lý tiếp theo", "Bước 2: Lãnh đạo phê duyệt",
                  '<label for="next_department_id">Chọn phòng ban</label>',
                  '<label for="next_handler_id">Chọn người xử lý</label>',
                  '<label for="next_deadline">Hạn cuối xử lý</label>', '<label for="comment">Ý kiến</label>'):
        assert label in html, label
    request_id = re.search(r'name="request_id" value="([\w-]+)"', html).group(1)
    assert uuid.UUID(request_id).version == 4
    handlers = re.findall(r'<option value="(p-[\w-]+)" data-department', html)
    assert handlers == ["p-leader", "p-leader2"]  # leaders only
    assert f'value="{TODAY.year}"' in html


def test_submit_sends_the_command_with_its_idempotency_key(client, auth, fake, documents):
    auth.login_as("secretary")
    data = draft(auth)
    data["files"] = (io.BytesIO(b"du thao"), "Dự thảo.docx")
    response = client.post(NEW, data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    (command,), kwargs = fake.last("quality", "submit_policy")
    assert kwargs == {} and command["request_id"] == data["request_id"]  # the key travels in the command
    assert command["actor"]["id"] == "p-secretary"
    assert command["content"] == {"year": 2026, "motto": "Hướng tới sự hài lòng", "statements": ["Minh bạch", "Đúng hạn"]}
    assert command["route"] == {"department_id": "d-bgd", "handler_id": "p-leader", "deadline": DEADLINE}
    assert command["comment"] == "Kính trình"
    assert [fake.documents.files[i].name for i in command["attachments"]] == ["Dự thảo.docx"]
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "Hồ sơ đang được mở" in html
    assert '<a class="btn btn-primary" href="/dossiers/?tab=following">Đến Kiểm soát hoạt động ISO</a>' in html


def test_double_submission_creates_one_policy(client, auth, fake):
    auth.login_as("secretary")
    data = draft(auth)
    first = client.post(NEW, data=data)
    second = client.post(NEW, data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert len([p for p in fake.quality.policies.values() if p.content.motto == "Hướng tới sự hài lòng"]) == 1


@pytest.mark.parametrize("fields, message", [
    ({"content_motto": ""}, "Phương châm: không được để trống"),
    ({"content_year": "1999"}, "Năm: phải từ 2000 đến 2100"),
    ({"content_statements": ""}, "Chính sách: không được để trống"),
    ({"next_handler_id": ""}, "Vui lòng chọn người xử lý bước tiếp theo."),
    ({"next_handler_id": "p-staff"}, "Người xử lý được chọn không thể xử lý bước tiếp theo."),
])
def test_invalid_draft_keeps_everything_typed(client, auth, fake, fields, message):
    auth.login_as("secretary")
    data = draft(auth, comment="Ý kiến giữ lại", **fields)
    response = client.post(NEW, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and ">Ý kiến giữ lại</textarea>" in html
    assert f'name="request_id" value="{data["request_id"]}"' in html  # a retry stays idempotent
    assert not fake.sent("quality", "submit_policy")


def test_conflict_from_the_service_keeps_the_form(client, auth, fake):
    fake.fail("quality", "submit_policy", Conflict("Đã có chính sách chất lượng năm 2026 đang trình duyệt."))
    auth.login_as("secretary")
    response = client.post(NEW, data=draft(auth))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Đã có chính sách chất lượng năm 2026 đang trình duyệt." in html and "Hướng tới sự hài lòng" in html


def test_leader_cannot_draft(client, auth):
    auth.login_as("leader")
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, data=draft(auth)).status_code == 403


def test_policy_detail(client, auth, fake):
    auth.login()
    policy_id = next(p.id for p in fake.quality.policies.values() if p.status == "issued")
    html = client.get(f"/quality/policies/{policy_id}").get_data(as_text=True)
    assert "Chính sách chất lượng Năm 2025" in html and "Đang áp dụng" in html
    assert "<li>Thực hiện tốt vai trò quản lý nhà nước về KHCN</li>" in html


def test_policy_of_another_unit_is_not_found(client, auth, fake):
    """The quality service answers NotFound outside the person's unit (issue 7): the gateway checks nothing."""
    other = fake.quality.new_policy(2026, "Khác", ["x"])
    fake.quality.policies[other.id] = other.model_copy(update={"unit_code": "KHAC"})
    auth.login()
    assert client.get(f"/quality/policies/{other.id}").status_code == 404


def test_unknown_policy_is_404(client, auth):
    auth.login()
    assert client.get("/quality/policies/nope").status_code == 404


def test_service_unavailable_keeps_the_form_and_its_key(client, auth, fake):
    from eiso_contracts.errors import ServiceUnavailable

    fake.fail("quality", "submit_policy",
              ServiceUnavailable("Chưa trình được chính sách: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau."))
    auth.login_as("secretary")
    data = draft(auth)
    response = client.post(NEW, data=data)
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "dịch vụ hồ sơ không trả lời" in html and "Hướng tới sự hài lòng" in html
    assert f'name="request_id" value="{data["request_id"]}"' in html


@pytest.mark.parametrize("year, message", [("²⁰²⁶", "Năm: phải là một số nguyên"),
                                           ("２０２６x", "Năm: phải là một số nguyên"),
                                           ("", "Năm: phải là một số nguyên"),
                                           ("٢٠٢٠٠", "Năm: phải từ 2000 đến 2100")])
def test_a_year_that_is_not_a_plain_number_keeps_the_form(client, auth, fake, year, message):
    auth.login_as("secretary")
    response = client.post(NEW, data=draft(auth, content_year=year, comment="Ý kiến giữ lại"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and ">Ý kiến giữ lại</textarea>" in html
    assert not fake.sent("quality", "submit_policy")


def test_a_year_in_other_decimal_digits_is_read(client, auth, fake):
    auth.login_as("secretary")
    assert client.post(NEW, data=draft(auth, content_year="２０２６")).status_code == 302
    (command,), _ = fake.last("quality", "submit_policy")
    assert command["content"]["year"] == 2026


def test_control_character_is_refused_before_any_upload(client, auth, fake, documents):
    auth.login_as("secretary")
    data = draft(auth, comment="Kính trình\x00")
    data["files"] = (io.BytesIO(b"du thao"), "Dự thảo.docx")
    response = client.post(NEW, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Hướng tới sự hài lòng" in response.get_data(as_text=True)
    assert documents.uploads == [] and not fake.sent("quality", "submit_policy")


def test_only_files_uploaded_on_this_form_are_attached(client, auth, fake, documents):
    auth.login_as("secretary")
    response = client.post(NEW, data=draft(auth, keep_attachments=["f-other", "f-seed"]))
    assert response.status_code == 302
    (command,), _ = fake.last("quality", "submit_policy")
    assert command["attachments"] == []


def test_uploads_survive_a_refused_draft(client, auth, fake, documents):
    auth.login_as("secretary")
    data = draft(auth, next_handler_id="")
    data["files"] = (io.BytesIO(b"du thao"), "Dự thảo.docx")
    fake.fail("quality", "submit_policy", Conflict("Đã có chính sách chất lượng năm 2026 đang trình duyệt."))
    data["next_handler_id"] = "p-leader"
    response = client.post(NEW, data=data, content_type="multipart/form-data")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    kept = re.search(r'name="keep_attachments" value="([\w-]+)" checked> Dự thảo.docx', html).group(1)
    ticket = re.search(r'<input type="hidden" name="uploaded" value="([^"]+)">', html).group(1)
    response = client.post(NEW, data=draft(auth, request_id=data["request_id"], keep_attachments=kept,
                                           uploaded=ticket))
    assert response.status_code == 302
    (command,), _ = fake.last("quality", "submit_policy")
    assert command["attachments"] == [kept] and len(documents.uploads) == 1


def test_the_drafting_form_stops_files_over_the_total_before_sending(client, auth):
    auth.login_as("secretary")
    html = client.get(NEW).get_data(as_text=True)
    assert f'data-max-total="{1024 * 1024}"' in html and "js/upload-limit.js" in html
