"""The dark left menu, with the sections of the user's manual in its order.

Users are trained on these labels, so every section is listed. Sections this
release does not build have no endpoint: they are drawn greyed, not
clickable, with the title "Chưa có trong phiên bản này". No fake pages.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..i18n import N_

NOT_IN_RELEASE = N_("Chưa có trong phiên bản này")


@dataclass(frozen=True)
class MenuItem:
    label: str
    endpoint: str | None = None          # None: not built in this release
    icon: str = "dot"
    blueprint: str | None = None         # highlights the item for every page of that blueprint
    roles: tuple[str, ...] = ()          # empty: everyone signed in
    children: tuple["MenuItem", ...] = ()

    @property
    def available(self) -> bool:
        return self.endpoint is not None or any(child.available for child in self.children)


MENU: tuple[MenuItem, ...] = (
    MenuItem(N_("Trang chủ"), "home.index", "home", "home"),
    MenuItem(N_("Kiểm soát hoạt động ISO"), "dossiers.inbox", "inbox", "dossiers"),
    MenuItem(N_("Bối cảnh tổ chức"), icon="context", blueprint="context", children=(
        MenuItem(N_("Tổ chức và bối cảnh"), "context.analyses", blueprint="context"),)),
    MenuItem(N_("Chính sách chất lượng"), "quality.policies", "policy", "quality"),
    MenuItem(N_("Mục tiêu chất lượng"), icon="target", children=(
        MenuItem(N_("Mục tiêu chất lượng hàng năm"), "objectives.index"),
        MenuItem(N_("Đo lường của phòng"), "objectives.department", roles=("dept_head",)),
        MenuItem(N_("Kết quả đo lường"), "objectives.results", roles=("leader", "secretary", "dept_head")),
    )),
    MenuItem(N_("Đánh giá nội bộ"), icon="audit", blueprint="audit", children=(
        MenuItem(N_("Chương trình đánh giá"), "audit.programme"),
        MenuItem(N_("Kế hoạch đánh giá"), "audit.plans"),
        MenuItem(N_("Điểm không phù hợp"), "nonconformity.list", blueprint="nonconformity"),
    )),
    MenuItem(N_("Xem xét lãnh đạo"), icon="review"),
    MenuItem(N_("Cải tiến liên tục"), "improvement.list", "improve", "improvement"),
    MenuItem(N_("Kiểm soát tài liệu"), "documents.register", "document", "documents"),
    MenuItem(N_("Lưu trữ hồ sơ"), "records.index", "archive"),
    MenuItem(N_("Mượn trả hồ sơ"), "records.loans", "lend"),
    MenuItem(N_("Hủy hồ sơ"), "records.destruction", "destroy"),
    MenuItem(N_("Nguồn lực"), icon="resources"),
    MenuItem(N_("Đánh giá hoạt động"), icon="chart"),
    MenuItem(N_("Thông tin dạng văn bản"), icon="document"),
    MenuItem(N_("Thủ tục một cửa"), icon="desk"),
    MenuItem(N_("Tra cứu thủ tục"), icon="search"),
    MenuItem(N_("Quản lý văn bản"), icon="mail"),
    MenuItem(N_("Quản trị"), "admin.index", "settings", "admin", roles=("admin",)),
)


def menu_for(user) -> list[MenuItem]:
    """The items this person sees (Quản trị only for administrators; sub-items by role too)."""
    if user is None:
        return []

    def sees(item: MenuItem) -> bool:
        return not item.roles or user.has_role(*item.roles)

    return [replace(item, children=tuple(c for c in item.children if sees(c))) for item in MENU if sees(item)]
