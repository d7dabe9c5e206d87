"""Every page renders for every role; the left menu and top bar are the manual's."""
import re

import pytest
from gateway_helpers import ROLE_USERS

from eiso_gateway.pages.menu import MENU

ROLES = sorted(ROLE_USERS)

COMMON_PAGES = ["/", "/dossiers/", "/dossiers/?tab=following", "/dossiers/?tab=done", "/dossiers/?tab=completed",
                "/dossiers/1-2026-1-SONGANH", "/dossiers/3-2025-152-SONGANH", "/quality/policies",
                "/account/password"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", COMMON_PAGES)
def test_every_page_renders_for_every_role(client, auth, role, path):
    auth.login_as(role)
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    html = response.get_data(as_text=True)
    assert "HỆ THỐNG ISO ĐIỆN TỬ" in html
    assert "Traceback" not in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/admin/departments", "/admin/people"])
def test_admin_pages_only_for_admin(client, auth, role, path):
    auth.login_as(role)
    response = client.get(path)
    if role == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_policy_drafting_page_only_for_the_secretary(client, auth, role):
    auth.login_as(role)
    response = client.get("/quality/policies/new")
    assert response.status_code == (200 if role == "secretary" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_process_page_only_for_the_current_handler(client, auth, role):
    auth.login_as(role)
    response = client.get("/dossiers/1-2026-1-SONGANH/process")
    if role == "leader":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.headers["Location"] == "/dossiers/1-2026-1-SONGANH"


MANUAL_ORDER = ["Trang chủ", "Kiểm soát hoạt động ISO", "Bối cảnh tổ chức", "Tổ chức và bối cảnh",
                "Chính sách chất lượng", "Mục tiêu chất lượng", "Mục tiêu chất lượng hàng năm", "Đo lường của phòng",
                "Kết quả đo lường", "Đánh giá nội bộ", "Chương trình đánh giá", "Kế hoạch đánh giá",
                "Điểm không phù hợp", "Xem xét lãnh đạo", "Cải tiến liên tục", "Kiểm soát tài liệu", "Lưu trữ hồ sơ",
                "Mượn trả hồ sơ", "Hủy hồ sơ", "Nguồn lực", "Đánh giá hoạt động", "Thông tin dạng văn bản",
                "Thủ tục một cửa", "Tra cứu thủ tục", "Quản lý văn bản"]
BUILT = {"Trang chủ": "/", "Kiểm soát hoạt động ISO": "/dossiers/", "Chính sách chất lượng": "/quality/policies",
         "Tổ chức và bối cảnh": "/context/analyses", "Mục tiêu chất lượng hàng năm": "/objectives/",
         "Đo lường của phòng": "/objectives/department", "Kết quả đo lường": "/objectives/results",
         "Chương trình đánh giá": "/audit/programme", "Kế hoạch đánh giá": "/audit/plans",
         "Điểm không phù hợp": "/nonconformities/", "Cải tiến liên tục": "/improvements/",
         "Kiểm soát tài liệu": "/documents/", "Lưu trữ hồ sơ": "/records/", "Mượn trả hồ sơ": "/records/loans",
         "Hủy hồ sơ": "/records/destruction", "Quản trị": "/admin/"}
GROUPS = {"Bối cảnh tổ chức", "Mục tiêu chất lượng", "Đánh giá nội bộ"}  # headings of built sub-items
# Sub-items shown by role (the pages they lead to are for these roles).
BY_ROLE = {"Đo lường của phòng": ("dept_head",), "Kết quả đo lường": ("leader", "secretary", "dept_head")}


def _menu(html):
    return html[html.index('<ul class="menu" id="main-menu">'):html.index("</nav>")]


@pytest.mark.parametrize("role", ROLES)
def test_menu_has_the_manual_sections_in_order(client, auth, role):
    auth.login_as(role)
    nav = _menu(client.get("/").get_data(as_text=True))
    labels = re.findall(r"<span>([^<]+)</span>", nav)
    expected = [label for label in MANUAL_ORDER if role in BY_ROLE.get(label, (role,))]
    assert labels == expected + (["Quản trị"] if role == "admin" else [])


@pytest.mark.parametrize("role", ["admin", "dept_head"])
def test_built_items_are_links_and_the_rest_are_greyed(client, auth, role):
    auth.login_as(role)
    nav = _menu(client.get("/").get_data(as_text=True))
    for label in [label for label in MANUAL_ORDER if role in BY_ROLE.get(label, (role,))] + (
            ["Quản trị"] if role == "admin" else []):
        item = re.search(r'<li class="menu-item([^"]*)">\s*(<(a|span) class="menu-link"[^>]*>)(?:(?!</li>|<li).)*?<span>'
                         + re.escape(label) + "</span>", nav, re.S)
        assert item, label
        classes, tag, kind = item.group(1), item.group(2), item.group(3)
        if label in BUILT:
            assert kind == "a" and f'href="{BUILT[label]}"' in tag, label
            assert "is-disabled" not in classes
        elif label in GROUPS:
            assert kind == "span" and "aria-disabled" not in tag and "is-disabled" not in classes, label
        else:
            assert kind == "span" and "href" not in tag, label
            assert 'title="Chưa có trong phiên bản này"' in tag and 'aria-disabled="true"' in tag
            assert "is-disabled" in classes


def test_the_active_menu_item_follows_the_page(client, auth):
    auth.login()
    nav = _menu(client.get("/dossiers/1-2026-1-SONGANH").get_data(as_text=True))
    assert re.search(r'is-active">\s*<a class="menu-link" href="/dossiers/" aria-current="page"', nav)


def test_every_menu_item_is_declared_once():
    labels = [item.label for item in MENU]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("role, label", [("leader", "Lãnh đạo đơn vị"), ("secretary", "Thư ký ISO"),
                                         ("admin", "Quản trị hệ thống"), ("staff", "Chuyên viên")])
def test_top_bar(client, auth, fake, role, label):
    auth.login_as(role)
    html = client.get("/").get_data(as_text=True)
    top = html[html.index('<header class="topbar">'):html.index("</header>")]
    person = fake.context.person_by_username(ROLE_USERS[role])
    assert "HỆ THỐNG ISO ĐIỆN TỬ" in top
    assert "Sở Khoa học và Công nghệ tỉnh Quảng Bình" in top
    assert person.full_name in top and label in top
    assert "Đăng xuất" in top and "Tiếng Việt" in top and "English" in top


def test_home_shows_the_policy_in_force_and_counts(client, auth):
    auth.login()
    html = client.get("/").get_data(as_text=True)
    assert "Đang áp dụng" in html and "Năm 2025" in html
    assert "Không ngừng nâng cao chất lượng hoạt động quản lý nhà nước và dịch vụ công" in html
    assert "<li>Không ngừng nâng cao chất lượng dịch vụ công</li>" in html
    assert re.search(r'tile-todo" href="/dossiers/\?tab=todo">\s*<span class="tile-count">2</span>', html)


def test_home_without_a_policy(client, auth, fake):
    fake.quality.policies = {k: v for k, v in fake.quality.policies.items() if v.status != "issued"}
    auth.login()
    assert "Chưa có chính sách chất lượng được ban hành" in client.get("/").get_data(as_text=True)


def test_home_degrades_when_a_service_is_down(client, auth, fake):
    auth.login()
    fake.down.add("quality")
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Chưa tải được chính sách chất lượng" in html
    assert "tile-count" in html  # the inbox counts still show
