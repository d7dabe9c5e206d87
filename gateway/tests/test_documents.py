"""Kiểm soát tài liệu in the gateway: the register as the manual shows it, a document's page, drafting a
document and a new version (checked uploads), read confirmations, the search and a PDF shown in the browser."""
import io
import re

from fakes import TODAY
from fakes.registry import DOCUMENT_NOT_FOUND  # noqa: F401  (the fake's sentence, shown as it comes)

REGISTER = "/documents/"
NEW = "/documents/new"


def ids(fake):
    by_number = {d.internal_number: d for d in fake.documents.documents.values()}
    return by_number["08/TTNB-To"], by_number["15/TTNB-SKHCB09"]


def test_the_register_as_the_manual_shows_it_with_duyet_for_the_leader(client, auth, fake):
    auth.login_as("leader")
    html = client.get(REGISTER).get_data(as_text=True)
    for header in ("STT", "STTNB", "Tên tài liệu", "Ngày hiệu lực", "Trạng thái"):
        assert f'<th scope="col">{header}</th>' in html
    in_force, pending = ids(fake)
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>.*?</tr>", html, re.S)
    assert rows == ["1", "2"]  # the other unit's document is not in the register
    assert "01/KHAC" not in html
    assert f"{TODAY:%d/%m/%Y}" in html
    assert f'<a class="btn btn-small btn-primary" href="/dossiers/{pending.dossier_code}/process">Duyệt</a>' in html
    assert '<span class="badge badge-approved">Đã duyệt</span>' in html
    assert "Soạn thảo tài liệu" not in html  # the leader approves, the secretary drafts


def test_other_roles_see_the_state_not_the_button_and_the_secretary_drafts(client, auth, fake):
    auth.login_as("secretary")
    html = client.get(REGISTER).get_data(as_text=True)
    assert ">Duyệt</a>" not in html and '<span class="badge badge-submitted">Chờ duyệt</span>' in html
    assert '<a class="btn btn-primary" href="/documents/new">Soạn thảo tài liệu</a>' in html


def test_filters_by_type_department_and_state_go_to_the_service(client, auth, fake):
    auth.login_as("staff")
    client.get(f"{REGISTER}?doc_type=quy_che&department_id=d-vp&state=pending")
    (query,), _ = fake.last("documents", "list_documents")
    assert (query["doc_type"], query["department_id"], query["state"]) == ("quy_che", "d-vp", "pending")
    assert query["actor"]["id"] == "p-staff" and query["actor"]["proof"]  # signed for the service
    client.get(f"{REGISTER}?doc_type=<script>&state=x&department_id=x-other")
    (query,), _ = fake.last("documents", "list_documents")
    assert (query["doc_type"], query["department_id"], query["state"]) == (None, None, None)


def test_a_document_page_marks_the_withdrawn_version_and_offers_pdf_view(client, auth, fake):
    in_force, _ = ids(fake)
    auth.login_as("staff")
    html = client.get(f"/documents/{in_force.id}").get_data(as_text=True)
    assert '<tr class="version-obsolete">' in html and "Hết hiệu lực" in html
    assert '<tr class="version-effective">' in html and "Đang hiệu lực" in html
    assert 'href="/files/f-qt-v2/view"' in html  # a PDF read from its bytes: "Xem"
    assert 'href="/files/f-seed/view"' not in html and 'href="/files/f-seed"' in html  # not verified: download
    assert "Xác nhận đã đọc" in html  # Phòng quản lý Khoa học is in the distribution


def test_read_confirmation(client, auth, fake):
    in_force, _ = ids(fake)
    auth.login_as("staff")
    token = auth.csrf(f"/documents/{in_force.id}")
    response = client.post(f"/documents/{in_force.id}/acknowledge", data={"csrf_token": token, "version": "2"})
    assert response.status_code == 302
    html = client.get(f"/documents/{in_force.id}").get_data(as_text=True)
    assert "Bạn đã xác nhận đã đọc" in html and "Hoàng Văn Viên" in html
    auth.logout()
    auth.login_as("secretary")  # Văn phòng sở is not in the distribution: no button, and the service refuses
    token = auth.csrf(f"/documents/{in_force.id}")
    assert "Xác nhận đã đọc</button>" not in client.get(f"/documents/{in_force.id}").get_data(as_text=True)
    refused = client.post(f"/documents/{in_force.id}/acknowledge", data={"csrf_token": token, "version": "2"})
    assert refused.status_code == 403
    assert "Tài liệu này không được phân phối cho phòng ban của bạn." in refused.get_data(as_text=True)


def test_another_units_document_is_not_found(client, auth, fake):
    other = next(d for d in fake.documents.documents.values() if d.unit_code == "KHAC")
    auth.login_as("leader")
    assert client.get(f"/documents/{other.id}").status_code == 404


def test_a_pdf_is_shown_inline_anything_else_downloads(client, auth, fake):
    auth.login_as("staff")
    pdf = client.get("/files/f-qt-v2/view")
    assert pdf.status_code == 200 and pdf.data == b"%PDF-1.4 qt"
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("inline;")
    assert pdf.headers["X-Content-Type-Options"] == "nosniff"
    assert "object-src 'self'" in pdf.headers["Content-Security-Policy"]
    unverified = client.get("/files/f-seed/view")  # named .pdf, never checked: not shown inline
    assert unverified.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in unverified.headers["Content-Security-Policy"]


def draft(auth, **fields):
    data = {"csrf_token": auth.csrf(NEW), "request_id": "3f0e4e7e-8d3c-4d5e-9a51-1f0c1f5a6b7c",
            "content_internal_number": "20/TTNB-VP", "content_title": "Hướng dẫn lưu trữ hồ sơ điện tử",
            "content_doc_type": "huong_dan", "content_department_id": "d-vp", "content_change_summary": "",
            "content_effective_date": f"{TODAY:%d/%m/%Y}", "content_review_date": "",
            "content_distribution": ["d-khoahoc", "d-thanhtra"], "next_department_id": "d-bgd",
            "next_handler_id": "p-leader", "next_deadline": f"{TODAY:%d/%m/%Y}", "comment": "Kính trình"}
    data.update(fields)
    return data


def test_drafting_a_document_uploads_checked_files_and_submits(client, auth, fake, documents):
    auth.login_as("secretary")
    html = client.get(NEW).get_data(as_text=True)
    for label in ('<label for="content_internal_number">STTNB</label>', '<label for="content_title">Tên tài liệu</label>',
                  '<label for="content_effective_date">Ngày hiệu lực</label>', "<legend>Phân phối</legend>",
                  "Bước 2: Lãnh đạo phê duyệt tài liệu"):
        assert label in html, label
    data = draft(auth)
    data["files"] = (io.BytesIO(b"%PDF-1.4 huong dan"), "Hướng dẫn.pdf")
    response = client.post(NEW, data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    (command,), _ = fake.last("documents", "submit_document_version")
    assert command["content"]["distribution"] == ["d-khoahoc", "d-thanhtra"]
    assert command["content"]["effective_date"] == TODAY.isoformat() and command["content"]["review_date"] is None
    assert command["request_id"] == data["request_id"] and command["actor"]["proof"]
    assert fake.sent("documents", "grant_checked_upload") and not fake.sent("documents", "grant_upload")
    assert [fake.documents.files[i].verified_type for i in command["attachments"]] == ["pdf"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã trình duyệt tài liệu" in page


def test_a_file_the_service_refuses_keeps_the_form(client, auth, fake, documents):
    auth.login_as("secretary")
    data = draft(auth)
    data["files"] = (io.BytesIO(b"<html><script>x</script>"), "quy-trinh.pdf")
    response = client.post(NEW, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "không phải định dạng được phép" in html and 'value="Hướng dẫn lưu trữ hồ sơ điện tử"' in html
    assert not fake.sent("documents", "submit_document_version")


def test_form_rules_come_from_the_contract(client, auth, fake):
    auth.login_as("secretary")
    response = client.post(NEW, data=draft(auth, content_effective_date="31/02/2026",
                                           content_review_date="01/01/2020"))
    assert response.status_code == 422
    assert "Ngày hiệu lực: phải là một ngày dạng dd/mm/yyyy" in response.get_data(as_text=True)
    response = client.post(NEW, data=draft(auth, content_review_date=f"{TODAY:%d/%m/%Y}"))
    assert "Ngày rà soát phải sau ngày hiệu lực" in response.get_data(as_text=True)


def test_a_new_version_starts_from_the_version_in_force(client, auth, fake):
    in_force, _ = ids(fake)
    auth.login_as("secretary")
    html = client.get(f"{NEW}?document={in_force.id}").get_data(as_text=True)
    assert f'name="content_document_id" value="{in_force.id}"' in html
    assert 'type="hidden" name="content_internal_number" value="08/TTNB-To"' in html
    assert 'value="Quy trình kiểm soát tài liệu"' in html
    assert "Soạn thảo phiên bản mới" in client.get(f"/documents/{in_force.id}").get_data(as_text=True)


def test_the_search_without_accents(client, auth, fake):
    auth.login_as("staff")
    html = client.get("/documents/search?q=quy+trinh+kiem+soat+tai+lieu").get_data(as_text=True)
    assert "Tìm thấy 1 kết quả" in html and "Quy trình kiểm soát tài liệu" in html
    html = client.get("/documents/search?q=duong+giao+thong").get_data(as_text=True)
    assert "Hồ sơ đề tài đường giao thông" in html and "Hồ sơ lưu trữ" in html
    (query,), _ = fake.last("documents", "search")
    assert query["q"] == "duong giao thong" and query["actor"]["unit_code"] == "SONGANH"
    assert "Tài liệu của đơn vị khác" not in client.get("/documents/search?q=tai+lieu").get_data(as_text=True)
