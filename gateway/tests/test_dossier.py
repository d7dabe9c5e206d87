"""Thông tin hồ sơ: header, artefact preview, the step timeline with its legend, history, "Xử lý"."""
import re
from datetime import timedelta

import pytest
from fakes import TODAY


def _steps(html):
    return re.findall(r'<li class="step step-([\w-]+)( is-current)?">(.*?)</li>\s*(?=<li class="step|</ol>)', html, re.S)


def test_header_and_preview(client, auth):
    auth.login()
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    assert '<span class="code">1-2026-1-SONGANH</span> Lập chính sách chất lượng' in html
    assert "Chính sách chất lượng năm 2026" in html
    assert "Đang xử lý" in html
    preview = html[html.index('<div class="policy-preview">'):]
    assert "Năm 2026" in preview and "Chất lượng là trên hết" in preview
    assert "<li>Phục vụ người dân tận tâm</li>" in preview and "Lần sửa: 1" in preview


def test_timeline_shows_every_step_with_its_colour(client, auth, fake):
    auth.login()
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    steps = _steps(html)
    assert [s[0] for s in steps] == ["done-on_time", "todo-early", "none"]
    assert [bool(s[1]) for s in steps] == [False, True, False]
    first, second, third = (s[2] for s in steps)
    assert "Bước 1: Thư ký ISO lập chính sách" in first
    assert "<dt>Phòng ban xử lý</dt><dd>Văn phòng sở</dd>" in first
    assert "<dt>Người xử lý</dt><dd>Lê Thị Thư</dd>" in first
    assert f"<dt>Hạn cuối xử lý</dt><dd>{TODAY.strftime('%d/%m/%Y')}</dd>" in first
    assert "<dt>Ngày xử lý xong</dt><dd>Sáng 02/03/2026</dd>" in first
    assert "<dt>Trạng thái</dt><dd>Trình duyệt</dd>" in first
    assert "Đã xử lý - Đúng hạn" in first
    assert 'href="/files/f-seed">Tờ trình chính sách.pdf</a>' in first
    assert "Bước 2: Lãnh đạo phê duyệt" in second and "Ban Giám đốc" in second and "Chưa xử lý - Trước hạn" in second
    assert (TODAY + timedelta(days=2)).strftime("%d/%m/%Y") in second
    assert "Bước 3: Ban hành" in third and "Chưa/Không đi qua" in third


def test_late_steps_and_afternoon(client, auth):
    auth.login()
    html = client.get("/dossiers/3-2025-152-SONGANH").get_data(as_text=True)
    steps = _steps(html)
    assert [s[0] for s in steps] == ["done-late", "todo-late", "none"]
    assert "Chiều " in steps[0][2]


def test_legend_is_shown(client, auth):
    auth.login()
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    legend = html[html.index('<ul class="legend"'):]
    for css, label in [("done-late", "Đã xử lý - Trễ hạn"), ("done-on_time", "Đã xử lý - Đúng hạn"),
                       ("done-early", "Đã xử lý - Trước hạn"), ("todo-late", "Chưa xử lý - Trễ hạn"),
                       ("todo-on_time", "Chưa xử lý - Đúng hạn"), ("todo-early", "Chưa xử lý - Trước hạn"),
                       ("none", "Chưa/Không đi qua")]:
        assert f'<span class="swatch status-{css}" aria-hidden="true"></span>{label}' in legend


def test_history_with_comment_and_files(client, auth):
    auth.login()
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    history = html[html.index('id="history-title"'):]
    assert "Bước 1: Thư ký ISO lập chính sách" in history and "Lê Thị Thư" in history
    assert "Kính trình Lãnh đạo" in history and "Trình duyệt" in history
    assert '<a href="/files/f-seed">Tờ trình chính sách.pdf</a>' in history


def test_red_process_button_only_for_the_current_handler(client, auth):
    auth.login()
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    assert '<a class="btn btn-danger" href="/dossiers/1-2026-1-SONGANH/process">Xử lý</a>' in html
    auth.logout()
    auth.login_as("secretary")
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    assert "/process" not in html


def test_an_artefact_its_owner_no_longer_has_still_shows_the_dossier_and_its_title(client, auth):
    auth.login()
    html = client.get("/dossiers/3-2025-152-SONGANH").get_data(as_text=True)
    assert "Mục tiêu chất lượng năm 2025" in html
    assert "Xem trước nội dung loại hồ sơ này chưa có trong phiên bản này." not in html   # the kind has one


def test_unknown_dossier_is_a_friendly_404(client, auth):
    auth.login()
    response = client.get("/dossiers/9-2099-1-SONGANH")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Không tìm thấy" in html and "Không tìm thấy hồ sơ 9-2099-1-SONGANH." in html


def test_the_actor_is_sent(client, auth, fake):
    auth.login()
    client.get("/dossiers/1-2026-1-SONGANH")
    (code, actor), _ = fake.last("workflow", "get_dossier")
    assert code == "1-2026-1-SONGANH" and actor["id"] == "p-leader" and actor["roles"] == ["leader"]


def test_preview_down_does_not_hide_the_dossier(client, auth, fake):
    from nameko.exceptions import RpcTimeout

    auth.login()
    fake.fail("quality", "get_policy", RpcTimeout("quality"))
    response = client.get("/dossiers/1-2026-1-SONGANH")
    assert response.status_code == 200
    assert "Chưa tải được nội dung" in response.get_data(as_text=True)


@pytest.mark.parametrize("lang, expected", [("vi", "Sáng 02/03/2026"), ("en", "Morning 02/03/2026")])
def test_half_day_follows_the_language(client, auth, lang, expected):
    auth.login()
    with client.session_transaction() as session:
        session["lang"] = lang
    assert expected in client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)


# -- attachment names: any number of ids, stale or refused ones, never a failed page -----------------
def _history_with(fake, attachments, at=None):
    from datetime import datetime, timezone

    fake.workflow.dossiers["1-2026-1-SONGANH"]["history"].append(dict(
        at=at or datetime.now(timezone.utc), actor_id="p-leader", step_number=2, step_name="Lãnh đạo phê duyệt",
        action="save", action_label="Chưa chuyển", attachments=attachments))


def test_many_attachment_ids_are_looked_up_in_chunks_once_each(client, auth, fake):
    for save in range(12):  # 12 saves x 20 ids: 240 distinct ids, each saved twice in the history
        ids = [f"f-{save}-{n}" for n in range(20)]
        _history_with(fake, ids)
        _history_with(fake, ids)
    auth.login()
    response = client.get("/dossiers/1-2026-1-SONGANH")
    assert response.status_code == 200
    lookups = [ids for (ids, _actor), _ in fake.sent("documents", "get_files")]
    assert all(len(ids) <= 200 for ids in lookups) and len(lookups) == 2
    asked = [i for ids in lookups for i in ids]
    assert len(asked) == len(set(asked)) == 241  # the 240 and f-seed, each once
    html = response.get_data(as_text=True)
    assert '<a href="/files/f-seed">Tờ trình chính sách.pdf</a>' in html
    assert "Tập tin không còn" in html and "f-0-0" in html


def test_an_id_the_documents_service_refuses_is_an_unknown_file(client, auth, fake):
    from eiso_contracts.errors import InvalidInput

    _history_with(fake, ["f-khong-co"])
    auth.login()
    for path in ("/dossiers/1-2026-1-SONGANH", "/dossiers/1-2026-1-SONGANH/process"):
        fake.fail("documents", "get_files", InvalidInput("Dữ liệu không hợp lệ — file_ids.0: quá dài"))
        response = client.get(path)
        assert response.status_code == 200, path
    fake.fail("documents", "get_files", InvalidInput("Dữ liệu không hợp lệ — file_ids.0: quá dài"))
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    assert html.count("Tập tin không còn") == 3  # f-seed twice (step 1, history) and f-khong-co
    assert "(f-khong-co)" in html and 'href="/files/f-khong-co"' not in html


def test_ids_no_file_can_have_are_not_asked_for(app, fake):
    """An id the documents service would refuse (too long, control character) would fail the whole lookup."""
    from eiso_gateway.pages import directory

    from eiso_contracts.rpc.common import Actor
    from eiso_kit.actors import sign
    from eiso_kit.testing.actors import TEST_ACTOR_KEY

    reader = sign(Actor(id="p-leader", unit_code="SONGANH", roles=["leader"]), TEST_ACTOR_KEY)
    with app.test_request_context():
        names = directory.files(["A" * 65, "x\u0001y", "", "f-seed", "f-seed"], reader)
    assert list(names) == ["f-seed"]
    (asked, _actor), _ = fake.last("documents", "get_files")
    assert asked == ["f-seed"]


def test_documents_down_does_not_hide_the_dossier(client, auth, fake):
    from nameko.exceptions import RpcTimeout

    fake.fail("documents", "get_files", RpcTimeout("documents"))
    auth.login()
    response = client.get("/dossiers/1-2026-1-SONGANH")
    assert response.status_code == 200
    assert "Tập tin không còn" in response.get_data(as_text=True)


def test_another_units_file_is_never_named(client, auth, fake):
    _history_with(fake, ["f-other"])
    auth.login()
    html = client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True)
    assert "bí mật.txt" not in html and 'href="/files/f-other"' not in html
