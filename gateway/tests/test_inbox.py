"""Kiểm soát hoạt động ISO: tabs with counts, "Tạo hồ sơ", the dossier table."""
import re

import pytest
from fakes.plumbing import without_proof


def _row(html, code):
    row = re.search(r"<tr>\s*<td data-label=\"#\">\d+</td>\s*<td data-label=\"Mã hồ sơ\"><a class=\"code\" "
                    r"href=\"/dossiers/" + re.escape(code) + r"\">.*?</tr>", html, re.S)
    assert row, code
    return row.group(0)


def test_tabs_in_the_manual_order_with_counts(client, auth):
    auth.login()
    html = client.get("/dossiers/").get_data(as_text=True)
    tabs = re.findall(r'<a class="tab[^"]*" href="/dossiers/\?tab=(\w+)"[^>]*>\s*([^<]+?) <span class="count">\((\d+)\)',
                      html)
    assert tabs == [("following", "Theo dõi", "0"), ("todo", "Chưa xử lý", "2"), ("done", "Đã xử lý", "0"),
                    ("completed", "Hoàn thành hồ sơ", "0")]
    assert 'class="tab is-active" href="/dossiers/?tab=todo" aria-current="page"' in html


def test_todo_table_shows_code_title_step_handler_deadline_status(client, auth, fake):
    auth.login()
    html = client.get("/dossiers/?tab=todo").get_data(as_text=True)
    row = _row(html, "1-2026-1-SONGANH")
    deadline = fake.workflow.dossiers["1-2026-1-SONGANH"]["steps"][2]["deadline"].strftime("%d/%m/%Y")
    assert "Lập chính sách chất lượng" in row and "Chính sách chất lượng năm 2026" in row
    assert "Bước 2: Lãnh đạo phê duyệt" in row
    assert "Nguyễn Văn Lãnh" in row
    assert deadline in row
    assert 'class="status status-todo-early"' in row and "Trước hạn" in row
    late = _row(html, "3-2025-152-SONGANH")
    assert 'class="status status-todo-late"' in late and "Trễ hạn" in late
    assert "Tổng số: 2" in html


def test_the_query_sent_to_the_workflow(client, auth, fake):
    auth.login()
    client.get("/dossiers/?tab=following&page=3&q=2026")
    (query,), _ = fake.last("workflow", "inbox")
    assert query["tab"] == "following" and query["page"] == 3 and query["search"] == "2026"
    assert without_proof(query["actor"]) == {"id": "p-leader", "unit_code": "SONGANH", "roles": ["leader"],
                              "department_id": "d-bgd", "full_name": "Nguyễn Văn Lãnh"}


@pytest.mark.parametrize("tab", ["bogus", ""])
def test_unknown_tab_falls_back_to_todo(client, auth, fake, tab):
    auth.login()
    assert client.get(f"/dossiers/?tab={tab}&page=x").status_code == 200
    (query,), _ = fake.last("workflow", "inbox")
    assert query["tab"] == "todo" and query["page"] == 1


def test_search_filters(client, auth):
    auth.login()
    html = client.get("/dossiers/?tab=todo&q=152").get_data(as_text=True)
    assert "3-2025-152-SONGANH" in html and "1-2026-1-SONGANH" not in html


def test_secretary_follows_what_she_submitted(client, auth):
    auth.login_as("secretary")
    html = client.get("/dossiers/?tab=following").get_data(as_text=True)
    assert "1-2026-1-SONGANH" in html and "3-2025-152-SONGANH" in html
    html = client.get("/dossiers/?tab=todo").get_data(as_text=True)
    assert "Không có hồ sơ nào." in html


def test_create_dossier_for_the_secretary(client, auth):
    auth.login_as("secretary")
    html = client.get("/dossiers/").get_data(as_text=True)
    assert '<summary class="btn btn-primary">Tạo hồ sơ</summary>' in html
    menu = html[html.index('class="dropdown-menu"'):html.index("</details>")]
    # type 1 links to the policy drafting page; types not built here are greyed, not links
    assert '<a href="/quality/policies/new">Lập chính sách chất lượng</a>' in menu
    assert '<a href="/objectives/new">Xây dựng, chỉnh sửa mục tiêu chất lượng</a>' in menu
    assert '<a href="/context/analyses/new">Phê duyệt bối cảnh tổ chức</a>' in menu
    assert re.search(r'<span class="is-disabled" aria-disabled="true" title="Chưa có trong phiên bản này">'
                     r'Thông báo xem xét của lãnh đạo</span>', menu)


@pytest.mark.parametrize("role", ["staff", "admin", "dept_head"])
def test_no_create_dossier_for_roles_not_allowed_at_step_1(client, auth, role):
    auth.login_as(role)
    assert "Tạo hồ sơ" not in client.get("/dossiers/").get_data(as_text=True)


@pytest.mark.parametrize("role, link", [
    ("leader", '<a href="/improvements/">Cải tiến liên tục</a>'),                  # opened by its Phê duyệt
    ("auditor", '<a href="/nonconformities/new">Hành động khắc phục</a>'),         # opened by a report
])
def test_create_dossier_leads_to_where_a_dossier_of_that_type_starts(client, auth, role, link):
    auth.login_as(role)
    html = client.get("/dossiers/").get_data(as_text=True)
    menu = html[html.index('class="dropdown-menu"'):html.index("</details>")]
    assert link in menu and "Lập chính sách chất lượng" not in menu


def test_pagination_links(client, auth, fake):
    import copy
    for n in range(30):
        d = copy.deepcopy(fake.workflow.dossiers["3-2025-152-SONGANH"])
        d["code"] = f"3-2025-{200 + n}-SONGANH"
        fake.workflow.dossiers[d["code"]] = d
    auth.login()
    html = client.get("/dossiers/?tab=todo").get_data(as_text=True)
    assert "Trang 1/2" in html and 'href="/dossiers/?tab=todo&amp;page=2"' in html
    html = client.get("/dossiers/?tab=todo&page=2").get_data(as_text=True)
    assert "Trang 2/2" in html and "page=1" in html


@pytest.mark.parametrize("raw, sent", [("99999999999999999999", 10000), ("10001", 10000), ("10000", 10000),
                                       ("-5", 1), ("9" * 5000, 1), ("²", 1)])
def test_page_is_clamped_to_what_the_workflow_takes(client, auth, fake, raw, sent):
    auth.login()
    response = client.get(f"/dossiers/?tab=todo&page={raw}")
    assert response.status_code == 200
    (query,), _ = fake.last("workflow", "inbox")
    assert query["page"] == sent


def test_control_characters_in_the_search_are_dropped(client, auth, fake):
    auth.login()
    response = client.get("/dossiers/?tab=todo&q=15%002")
    assert response.status_code == 200
    (query,), _ = fake.last("workflow", "inbox")
    assert query["search"] == "152"
