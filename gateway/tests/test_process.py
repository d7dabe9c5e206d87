"""Xử lý: the "CHUYỂN HỒ SƠ" form, the ActCommand it sends, and how errors keep what was typed."""
import io
import re
from datetime import timedelta

import pytest
from fakes.plumbing import without_proof
from eiso_contracts.errors import AlreadyProcessed, InvalidInput
from fakes import TODAY, working_days

CODE = "1-2026-1-SONGANH"
URL = f"/dossiers/{CODE}/process"
NEXT_DEADLINE = (TODAY + timedelta(days=3)).isoformat()
SHOWN_DEADLINE = (TODAY + timedelta(days=3)).strftime("%d/%m/%Y")  # the field shows dd/mm/yyyy


@pytest.fixture
def leader(client, auth):
    auth.login_as("leader")
    return client


FORM_KEY = "7b0f2b9c-1111-4222-8333-444455556666"  # the rendered form's idempotency key


def form(auth, **fields):
    data = {
        "csrf_token": auth.csrf(URL),
        "expected_version": "2",
        "action": "approve",
        "comment": "Đồng ý ban hành",
        "content_year": "2026",
        "content_motto": "Chất lượng là trên hết",
        "content_statements": "Phục vụ người dân tận tâm\nMinh bạch",
        "next_department_id": "d-vp",
        "next_handler_id": "p-secretary",
        "next_deadline": NEXT_DEADLINE,
        "request_id": FORM_KEY,
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def radios(html):
    return re.findall(r'<input type="radio" id="action_(\w+)" name="action" value="\w+"( checked)? required>\s*'
                      r'<label for="action_\w+">([^<]+)</label>', html)


def test_form_has_the_manual_blocks_in_order(leader):
    html = leader.get(URL).get_data(as_text=True)
    assert radios(html) == [("save", " checked", "Chưa chuyển (chỉ lưu thông tin, không gửi đi)"),
                            ("return", "", "Bổ sung"), ("reject", "", "Không duyệt"), ("approve", "", "Duyệt")]
    order = [html.index(marker) for marker in ("CHUYỂN HỒ SƠ", 'name="action"', '<label for="files">Tập tin</label>',
                                               "Bước xử lý tiếp theo", "Bước 3: Ban hành",
                                               '<label for="next_department_id">Chọn phòng ban</label>',
                                               '<label for="next_handler_id">Chọn người xử lý</label>',
                                               '<label for="next_deadline">Hạn cuối xử lý</label>',
                                               '<label for="comment">Ý kiến</label>', ">Lưu</button>", ">Hủy bỏ</a>")]
    assert order == sorted(order)
    assert '<input type="hidden" name="expected_version" value="2">' in html
    assert '<input id="files" name="files" type="file" multiple' in html
    assert 'enctype="multipart/form-data"' in html


def test_editable_content_is_prefilled_one_statement_per_line(leader):
    html = leader.get(URL).get_data(as_text=True)
    assert '<label for="content_motto">Phương châm</label>' in html
    assert ">Chất lượng là trên hết</textarea>" in html
    assert ">Phục vụ người dân tận tâm\nMinh bạch</textarea>" in html
    assert '<input type="hidden" name="content_year" value="2026">' in html


def test_next_step_handlers_are_people_with_the_next_role(leader, fake):
    html = leader.get(URL).get_data(as_text=True)
    handlers = html[html.index('id="next_handler_id"'):html.index("</select>", html.index('id="next_handler_id"'))]
    options = re.findall(r'<option value="(p-[\w-]+)" data-department="([\w-]+)"', handlers)
    assert options == [("p-secretary", "d-vp")]  # step 3 "Ban hành" is the secretary's
    block = html[html.index('id="next_department_id"'):html.index("</select>", html.index('id="next_department_id"'))]
    departments = re.findall(r'<option value="(d-[\w-]+)"', block)
    assert departments == ["d-bgd", "d-vp", "d-khoahoc", "d-thanhtra"]
    (query,), _ = fake.last("context", "list_people")
    assert query == {"unit_code": "SONGANH", "role": "secretary", "department_id": None,
                     "include_inactive": False, "actor": None}
    assert f'value="{working_days(TODAY, 2).strftime("%d/%m/%Y")}"' in html  # default deadline from the form
    assert 'data-filter-by="next_department_id"' in html
    assert "js/handler-filter.js" in html


def test_approve_with_content_edits_and_next_assignment(leader, auth, fake):
    response = leader.post(URL, data=form(auth, content_motto="Chất lượng và hài lòng",
                                          content_statements="  Phục vụ tận tâm \n\nMinh bạch\nĐúng hạn  "))
    assert response.status_code == 302 and response.headers["Location"] == "/dossiers/?tab=done"
    (command,), _ = fake.last("workflow", "act")
    command = {**command, "actor": without_proof(command["actor"])}  # the gateway signed it (the fake checked)
    assert command == {
        "code": CODE,
        "actor": {"id": "p-leader", "unit_code": "SONGANH", "roles": ["leader"], "department_id": "d-bgd",
                  "full_name": "Nguyễn Văn Lãnh"},
        "expected_version": 2,
        "action": "approve",
        "comment": "Đồng ý ban hành",
        "attachments": [],
        "next": {"department_id": "d-vp", "handler_id": "p-secretary", "deadline": NEXT_DEADLINE},
        "content": {"year": 2026, "motto": "Chất lượng và hài lòng",
                    "statements": ["Phục vụ tận tâm", "Minh bạch", "Đúng hạn"]},
        "request_id": FORM_KEY,  # sending the same form again is answered, not done twice (issue 5)
    }
    assert "Đã chuyển hồ sơ." in leader.get("/dossiers/?tab=done").get_data(as_text=True)


def test_unchanged_content_is_not_sent(leader, auth, fake):
    leader.post(URL, data=form(auth))
    (command,), _ = fake.last("workflow", "act")
    assert command["content"] is None


def test_department_is_taken_from_the_handler_when_not_chosen(leader, auth, fake):
    leader.post(URL, data=form(auth, next_department_id=""))
    (command,), _ = fake.last("workflow", "act")
    assert command["next"]["department_id"] == "d-vp"


def test_deadline_typed_as_dd_mm_yyyy(leader, auth, fake):
    typed = (TODAY + timedelta(days=5))
    leader.post(URL, data=form(auth, next_deadline=typed.strftime("%d/%m/%Y")))
    (command,), _ = fake.last("workflow", "act")
    assert command["next"]["deadline"] == typed.isoformat()


def test_save_keeps_a_draft_that_prefills_the_form(leader, auth, fake):
    response = leader.post(URL, data=form(auth, action="save", comment="Xem lại mục 2",
                                          next_handler_id="p-secretary"))
    assert response.status_code == 302 and response.headers["Location"] == f"/dossiers/{CODE}"
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "save" and command["next"]["handler_id"] == "p-secretary"
    html = leader.get(URL).get_data(as_text=True)
    assert ">Xem lại mục 2</textarea>" in html
    assert '<option value="p-secretary" data-department="d-vp" selected>' in html
    assert f'value="{SHOWN_DEADLINE}"' in html
    assert '<input type="hidden" name="expected_version" value="3">' in html


def test_save_without_a_handler_sends_no_next(leader, auth, fake):
    leader.post(URL, data=form(auth, action="save", next_handler_id="", next_department_id=""))
    (command,), _ = fake.last("workflow", "act")
    assert command["next"] is None


def test_draft_attachments_are_listed_and_kept(leader, auth, fake):
    fake.workflow.dossiers[CODE]["draft"] = {"comment": "Nháp", "attachments": ["f-seed"], "next": None}
    html = leader.get(URL).get_data(as_text=True)
    assert '<input type="checkbox" name="keep_attachments" value="f-seed" checked> Tờ trình chính sách.pdf' in html
    leader.post(URL, data=form(auth, keep_attachments="f-seed"))
    (command,), _ = fake.last("workflow", "act")
    assert command["attachments"] == ["f-seed"]


def test_content_prefill_prefers_the_latest_edit_in_the_dossier(leader, fake):
    from datetime import datetime, timezone

    fake.workflow.dossiers[CODE]["history"].append(dict(
        at=datetime.now(timezone.utc), actor_id="p-leader", step_number=2, step_name="Lãnh đạo phê duyệt",
        action="save", action_label="Chưa chuyển", content={"year": 2026, "motto": "Phương châm đã sửa",
                                                            "statements": ["A", "B"]}))
    html = leader.get(URL).get_data(as_text=True)
    assert ">Phương châm đã sửa</textarea>" in html and ">A\nB</textarea>" in html


def test_return_to_the_default_person_sends_no_next_step_and_no_content(leader, auth, fake):
    response = leader.post(URL, data=form(auth, action="return", comment="Bổ sung căn cứ"))
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "return" and command["next"] is None and command["comment"] == "Bổ sung căn cứ"
    assert command["content"] is None  # the workflow refuses content with "Bổ sung"


def test_saved_content_comes_back_from_the_draft(leader, auth, fake):
    leader.post(URL, data=form(auth, action="save", content_motto="Phương châm nháp",
                               content_statements="Một\nHai"))
    (command,), _ = fake.last("workflow", "act")
    assert command["content"] == {"year": 2026, "motto": "Phương châm nháp", "statements": ["Một", "Hai"]}
    html = leader.get(URL).get_data(as_text=True)
    assert ">Phương châm nháp</textarea>" in html and ">Một\nHai</textarea>" in html


def test_reject_sends_the_changed_content(leader, auth, fake):
    leader.post(URL, data=form(auth, action="reject", content_motto="khác"))
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "reject" and command["next"] is None
    assert command["content"] == {"year": 2026, "motto": "khác",
                                  "statements": ["Phục vụ người dân tận tâm", "Minh bạch"]}


def test_reject_with_unchanged_content_sends_none(leader, auth, fake):
    leader.post(URL, data=form(auth, action="reject"))
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "reject" and command["content"] is None


def test_already_processed_keeps_the_input_and_offers_a_reload(leader, auth, fake):
    fake.fail("workflow", "act", AlreadyProcessed("Hồ sơ đã được xử lý."))
    response = leader.post(URL, data=form(auth, comment="Ý kiến dài của tôi", content_motto="Phương châm mới"))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Hồ sơ đã được xử lý bởi người khác" in html
    assert f'<a class="btn" href="/dossiers/{CODE}">Tải lại hồ sơ</a>' in html
    assert "Ý kiến dài của tôi" in html and "Phương châm mới" in html


def test_stale_version_is_already_processed(leader, auth, fake):
    response = leader.post(URL, data=form(auth, expected_version="1", comment="Giữ lại"))
    assert response.status_code == 409
    assert "Giữ lại" in response.get_data(as_text=True)


def test_someone_else_took_the_step_before_the_post(leader, auth, fake):
    token_form = form(auth, comment="Không mất")
    fake.workflow.dossiers[CODE]["steps"][2]["handler_id"] = "p-leader2"
    fake.workflow.dossiers[CODE]["version"] = 3
    response = leader.post(URL, data=token_form)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Hồ sơ đã được xử lý bởi người khác" in html and "Không mất" in html
    assert not fake.sent("workflow", "act")


def test_invalid_input_from_the_service_rerenders_with_everything_typed(leader, auth, fake):
    fake.fail("workflow", "act", InvalidInput("Hạn cuối xử lý phải là ngày làm việc."))
    response = leader.post(URL, data=form(auth, comment="Giữ ý kiến", content_motto="Giữ phương châm"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hạn cuối xử lý phải là ngày làm việc." in html
    assert ">Giữ ý kiến</textarea>" in html and ">Giữ phương châm</textarea>" in html
    assert 'id="action_approve" name="action" value="approve" checked' in html
    assert '<option value="p-secretary" data-department="d-vp" selected>' in html
    assert '<option value="d-vp" selected>' in html
    assert f'value="{SHOWN_DEADLINE}"' in html


@pytest.mark.parametrize("fields, message", [
    ({"next_handler_id": ""}, "Vui lòng chọn người xử lý bước tiếp theo."),
    ({"next_handler_id": "p-leader2"}, "Người xử lý được chọn không thể xử lý bước tiếp theo."),
    ({"next_department_id": "d-bgd"}, "Người xử lý không thuộc phòng ban đã chọn."),
    ({"next_deadline": ""}, "Vui lòng nhập Hạn cuối xử lý (dd/mm/yyyy)."),
    ({"next_deadline": "2001-01-01"}, "Hạn cuối xử lý không được trước ngày hôm nay."),
    ({"content_motto": "  "}, "Phương châm: không được để trống"),
    ({"content_statements": "\n \n"}, "Chính sách: không được để trống"),
    ({"action": "bogus"}, "Vui lòng chọn một hình thức chuyển hồ sơ."),
    ({"action": None}, "Vui lòng chọn một hình thức chuyển hồ sơ."),
])
def test_checked_before_anything_is_sent(leader, auth, fake, documents, fields, message):
    data = form(auth, comment="Vẫn còn", **fields)
    data["files"] = (io.BytesIO(b"abc"), "a.txt")
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and ">Vẫn còn</textarea>" in html
    assert not fake.sent("workflow", "act")
    assert documents.uploads == []  # nothing uploaded for a form that cannot go through


def test_files_are_streamed_to_documents_and_attached(leader, auth, fake, documents):
    data = form(auth)
    data["files"] = [(io.BytesIO(b"%PDF-1.7 noi dung"), "Báo cáo kết quả.pdf", "application/pdf"),
                     (io.BytesIO(b"x" * 700_000), "bang-tinh.xlsx")]
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert [u["name"] for u in documents.uploads] == ["Báo cáo kết quả.pdf", "bang-tinh.xlsx"]
    first = documents.uploads[0]
    assert first["unit"] == "SONGANH" and first["uploader"] == "p-leader"
    assert first["content_type"] == "application/pdf" and first["size"] == 17
    assert documents.uploads[1]["size"] == 700_000
    (command,), _ = fake.last("workflow", "act")
    assert len(command["attachments"]) == 2
    assert [fake.documents.files[i].name for i in command["attachments"]] == ["Báo cáo kết quả.pdf", "bang-tinh.xlsx"]


def test_uploaded_files_survive_a_rejected_submission(leader, auth, fake, documents):
    fake.fail("workflow", "act", InvalidInput("Sai gì đó."))
    data = form(auth)
    data["files"] = (io.BytesIO(b"noi dung"), "Tờ trình.docx")
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    kept = re.search(r'name="keep_attachments" value="([\w-]+)" checked> Tờ trình.docx', html)
    assert kept, "the uploaded file is offered again, no second upload needed"
    ticket = re.search(r'<input type="hidden" name="uploaded" value="([^"]+)">', html).group(1)
    leader.post(URL, data=form(auth, keep_attachments=kept.group(1), uploaded=ticket))
    (command,), _ = fake.last("workflow", "act")
    assert command["attachments"] == [kept.group(1)]
    assert len(documents.uploads) == 1


def test_oversized_request_is_a_clear_413(leader, auth, fake):
    data = form(auth)
    data["files"] = (io.BytesIO(b"x" * (3 * 1024 * 1024)), "to-qua.bin")
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Tập tin quá lớn" in html and "Dung lượng tối đa mỗi lần gửi: 1 MB." in html
    assert "Nguyễn Văn Lãnh" in html  # the full layout: the person is still signed in
    assert not fake.sent("workflow", "act")


def test_file_refused_by_documents_keeps_the_form(leader, auth, fake, documents):
    data = form(auth, comment="Không mất chữ")
    data["files"] = (io.BytesIO(b"x" * (1024 * 1024 + 10)), "lon.bin")
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Tập tin vượt quá dung lượng cho phép." in html and ">Không mất chữ</textarea>" in html
    assert not fake.sent("workflow", "act")


def test_last_step_uses_its_approve_label_and_has_no_next_step(client, auth, fake):
    d = fake.workflow.dossiers[CODE]
    d["steps"][2].update(state="done", action="approve", action_label="Duyệt", done_at=d["opened_at"],
                         timing="on_time")
    d["steps"][3] = dict(state="current", department_id="d-vp", handler_id="p-secretary",
                         deadline=TODAY, timing="on_time")
    d["current"] = 3
    auth.login_as("secretary")
    html = client.get(URL).get_data(as_text=True)
    assert [r[2] for r in radios(html)] == ["Chưa chuyển (chỉ lưu thông tin, không gửi đi)", "Ban hành"]
    assert "Bước xử lý tiếp theo" not in html
    assert "Đây là bước cuối" in html
    assert "content_motto" not in html  # step 3 does not edit the policy
    response = client.post(URL, data={"csrf_token": auth.csrf(URL), "expected_version": "2", "action": "approve",
                                      "comment": "Đã ban hành"})
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "approve" and command["next"] is None and command["content"] is None


def test_forbidden_from_the_service_is_the_error_page(leader, auth, fake):
    from eiso_contracts.errors import Forbidden

    fake.fail("workflow", "act", Forbidden("Bạn không phải người xử lý bước này của hồ sơ."))
    response = leader.post(URL, data=form(auth))
    assert response.status_code == 403
    assert "Bạn không phải người xử lý bước này của hồ sơ." in response.get_data(as_text=True)


def test_a_timeout_keeps_the_form(leader, auth, fake):
    from nameko.exceptions import RpcTimeout

    fake.fail("workflow", "act", RpcTimeout("workflow"))
    response = leader.post(URL, data=form(auth, comment="Sau khi chờ"))
    assert response.status_code == 504
    html = response.get_data(as_text=True)
    assert "Hệ thống chưa trả lời kịp" in html and ">Sau khi chờ</textarea>" in html


# -- attachments: only the draft's and this form's own uploads -------------------------------------
@pytest.mark.parametrize("forged", ["f-other", "f-seed", "f-khong-co"])
def test_attachment_ids_from_the_browser_are_dropped_unless_already_attached(leader, auth, fake, forged):
    """f-other: another unit's file; f-seed: a file of step 1, not of this step's draft; f-khong-co: made up."""
    leader.post(URL, data=form(auth, action="save", keep_attachments=forged))
    (command,), _ = fake.last("workflow", "act")
    assert command["attachments"] == []


def test_a_ticket_of_another_dossier_or_person_keeps_nothing(leader, auth, fake, app):
    from eiso_gateway.flow.uploads import uploaded_ticket

    with app.test_request_context():
        foreign = [uploaded_ticket("p-leader:dossier:3-2025-152-SONGANH", ["f-other"]),
                   uploaded_ticket("p-leader2:dossier:" + CODE, ["f-other"]), "forged.ticket"]
    for ticket in foreign:
        leader.post(URL, data=form(auth, action="save", keep_attachments="f-other", uploaded=ticket))
        (command,), _ = fake.last("workflow", "act")
        assert command["attachments"] == []


def test_unknown_draft_attachment_is_shown_as_such_and_kept(leader, auth, fake):
    fake.workflow.dossiers[CODE]["draft"] = {"comment": "", "attachments": ["f-seed", "f-mat"], "next": None}
    html = leader.get(URL).get_data(as_text=True)
    assert 'value="f-mat" checked> <span class="file-missing">Tập tin không còn' in html
    leader.post(URL, data=form(auth, action="save", keep_attachments=["f-seed", "f-mat"]))
    (command,), _ = fake.last("workflow", "act")
    assert command["attachments"] == ["f-seed", "f-mat"]


def test_control_character_in_the_comment_is_refused_before_any_upload(leader, auth, fake, documents):
    data = form(auth, comment="Ý kiến\x00")
    data["files"] = (io.BytesIO(b"abc"), "a.txt")
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "ký tự điều khiển" in response.get_data(as_text=True)
    assert documents.uploads == [] and not fake.sent("workflow", "act")


# -- "Bổ sung": who gets the dossier back ------------------------------------------------------------
def _second_secretary(fake):
    fake.context.add_person("p-secretary2", "thuky2", "Đặng Thị Mới", "Thư ký ISO", "d-khoahoc", ["secretary"])


def _block(html, ident):
    start = html.index(f'id="{ident}"')
    return html[start:html.index("</fieldset>", start)]


def test_return_block_offers_the_return_steps_people_with_the_last_doer_chosen(leader, fake):
    _second_secretary(fake)
    html = leader.get(URL).get_data(as_text=True)
    block = _block(html, "return-step")
    assert "Bổ sung: hồ sơ được trả về Bước 1: Thư ký ISO lập chính sách chất lượng." in block
    assert "Mặc định trả về người đã xử lý bước này: Lê Thị Thư." in block
    assert re.findall(r'<option value="(p-[\w-]+)" data-department="[\w-]+"( selected)?', block) == [
        ("p-secretary", " selected"), ("p-secretary2", "")]
    assert '<option value="d-vp" selected>' in block
    assert 'data-filter-by="return_department_id"' in block
    assert 'id="return_deadline" name="return_deadline"' in block


def test_return_to_someone_else_sends_them(leader, auth, fake):
    _second_secretary(fake)
    response = leader.post(URL, data=form(auth, action="return", comment="Nhờ chị Mới bổ sung",
                                          return_department_id="d-khoahoc", return_handler_id="p-secretary2",
                                          return_deadline=SHOWN_DEADLINE))
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "return"
    assert command["next"] == {"department_id": "d-khoahoc", "handler_id": "p-secretary2", "deadline": NEXT_DEADLINE}
    assert command["content"] is None


def test_return_to_the_default_person_with_another_deadline_sends_it(leader, auth, fake):
    response = leader.post(URL, data=form(auth, action="return", return_department_id="d-vp",
                                          return_handler_id="p-secretary", return_deadline=NEXT_DEADLINE))
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert command["next"] == {"department_id": "d-vp", "handler_id": "p-secretary", "deadline": NEXT_DEADLINE}


def test_return_when_the_last_doer_left_requires_a_choice(leader, auth, fake):
    _second_secretary(fake)
    fake.context.people["p-secretary"] = fake.context.people["p-secretary"].model_copy(update={"active": False})
    html = leader.get(URL).get_data(as_text=True)
    block = _block(html, "return-step")
    assert "Người đã xử lý bước này (Lê Thị Thư) không còn nhận được hồ sơ." in block
    assert re.findall(r'<option value="(p-[\w-]+)"', block) == ["p-secretary2"] and " selected>" not in block.split(
        'id="return_handler_id"')[1].split("</select>")[0]
    response = leader.post(URL, data=form(auth, action="return", comment="Giữ ý kiến"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Vui lòng chọn người nhận hồ sơ bổ sung." in body and ">Giữ ý kiến</textarea>" in body
    assert not fake.sent("workflow", "act")
    response = leader.post(URL, data=form(auth, action="return", return_handler_id="p-secretary2",
                                          return_deadline=SHOWN_DEADLINE))
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert command["next"]["handler_id"] == "p-secretary2" and command["next"]["department_id"] == "d-khoahoc"


def test_return_block_is_ignored_for_other_actions(leader, auth, fake):
    _second_secretary(fake)
    leader.post(URL, data=form(auth, action="save", return_handler_id="p-secretary2",
                               return_deadline=SHOWN_DEADLINE))
    (command,), _ = fake.last("workflow", "act")
    assert command["next"]["handler_id"] == "p-secretary"  # the next step's choice, kept as the draft


def test_return_to_someone_without_the_role_is_refused(leader, auth, fake):
    response = leader.post(URL, data=form(auth, action="return", return_handler_id="p-staff",
                                          return_deadline=SHOWN_DEADLINE))
    assert response.status_code == 422
    assert "Người được chọn không thể nhận hồ sơ bổ sung ở bước này." in response.get_data(as_text=True)
    assert not fake.sent("workflow", "act")


# -- content typed with "Bổ sung" is never dropped silently ----------------------------------------------
def test_return_with_edited_content_keeps_the_form_and_says_why(leader, auth, fake, documents):
    data = form(auth, action="return", comment="Ý kiến giữ lại", content_motto="PHƯƠNG CHÂM ĐÃ SỬA")
    data["files"] = (io.BytesIO(b"abc"), "a.txt")
    response = leader.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ("Nội dung đã sửa không được lưu khi Bổ sung. Chọn &#34;Chưa chuyển&#34; để lưu nội dung trước, "
            "hoặc hoàn tác thay đổi.") in html
    assert ">PHƯƠNG CHÂM ĐÃ SỬA</textarea>" in html and ">Ý kiến giữ lại</textarea>" in html
    assert 'id="action_return" name="action" value="return" checked' in html
    assert not fake.sent("workflow", "act") and documents.uploads == []


def test_return_with_content_the_rules_refuse_counts_as_edited(leader, auth, fake):
    response = leader.post(URL, data=form(auth, action="return", content_motto=" "))
    assert response.status_code == 422
    assert "không được lưu khi Bổ sung" in response.get_data(as_text=True)


def test_return_with_only_whitespace_changes_goes_through(leader, auth, fake):
    response = leader.post(URL, data=form(auth, action="return",
                                          content_statements="  Phục vụ người dân tận tâm \n\nMinh bạch\n"))
    assert response.status_code == 302
    (command,), _ = fake.last("workflow", "act")
    assert command["action"] == "return" and command["content"] is None


# -- more than one request may carry: the 413 page explains and leads back -----------------------------
def _too_big(auth):
    data = form(auth, comment="mất")
    data["files"] = [(io.BytesIO(b"x" * 700_000), "a.pdf"), (io.BytesIO(b"x" * 700_000), "b.pdf"),
                     (io.BytesIO(b"x" * 700_000), "c.pdf")]  # each under the 1 MB limit, together over
    return data


@pytest.mark.parametrize("referrer, back", [
    (f"http://localhost{URL}?x=1", f"{URL}?x=1"),
    ("https://evil.example/dossiers/", "/dossiers/"),
    ("http://localhost//evil.example/", "/dossiers/"),
    (None, "/dossiers/"),
])
def test_files_together_over_the_limit_explain_the_total_and_lead_back(leader, auth, fake, referrer, back):
    headers = {"Referer": referrer} if referrer else {}
    response = leader.post(URL, data=_too_big(auth), content_type="multipart/form-data", headers=headers)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Tổng dung lượng gửi lên trong một lần vượt quá mức cho phép" in html
    assert "Dung lượng tối đa mỗi lần gửi: 1 MB." in html
    assert "Giới hạn này tính cho tất cả tập tin gửi cùng một lần." in html
    assert f'<a class="btn" href="{back.replace("&", "&amp;")}">Quay lại trang trước</a>' in html
    assert not fake.sent("workflow", "act")


def test_the_file_input_carries_the_total_limit_for_the_script(leader):
    html = leader.get(URL).get_data(as_text=True)
    assert f'data-max-total="{1024 * 1024}"' in html
    assert "tổng dung lượng mỗi lần gửi tối đa 1 MB" in html
    assert 'id="files_too_large" role="alert" hidden' in html
    assert "js/upload-limit.js" in html


def test_the_form_carries_an_idempotency_key_that_travels_with_the_action(leader, auth, fake):
    html = leader.get(URL).get_data(as_text=True)
    key = re.search(r'<input type="hidden" name="request_id" value="([0-9a-f-]{36})">', html).group(1)
    assert key != re.search(r'name="request_id" value="([0-9a-f-]{36})"', leader.get(URL).get_data(as_text=True)).group(1)
    leader.post(URL, data=form(auth, request_id=key))
    (command,), _ = fake.last("workflow", "act")
    assert command["request_id"] == key
