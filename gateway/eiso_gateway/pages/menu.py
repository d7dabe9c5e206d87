"""The dark left menu, with the sections of the user's manual in its order.

Users are trained on these labels, so every section is listed. Sections this
release does not build have no endpoint: they are drawn greyed, not
clickable, with the title "Chưa có trong phiên bản này". No fake pages.
"""
from __future__ import annotations

from dataclasses import dataclass

NOT_IN_RELEASE = "Chưa có trong phiên bản này"


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
    MenuItem("Trang chủ", "home.index", "home", "home"),
    MenuItem("Kiểm soát hoạt động ISO", "dossiers.inbox", "inbox", "dossiers"),
    MenuItem("Bối cảnh tổ chức", icon="context", children=(MenuItem("Tổ chức và bối cảnh"),)),
    MenuItem("Chính sách chất lượng", "quality.policies", "policy", "quality"),
    MenuItem("Mục tiêu chất lượng", icon="target"),
    MenuItem("Đánh giá nội bộ", icon="audit", children=(MenuItem("Chương trình đánh giá"),)),
    MenuItem("Xem xét lãnh đạo", icon="review"),
    MenuItem("Cải tiến liên tục", icon="improve"),
    MenuItem("Kiểm soát tài liệu", icon="document"),
    MenuItem("Lưu trữ hồ sơ", icon="archive"),
    MenuItem("Mượn trả hồ sơ", icon="lend"),
    MenuItem("Hủy hồ sơ", icon="destroy"),
    MenuItem("Nguồn lực", icon="resources"),
    MenuItem("Đánh giá hoạt động", icon="chart"),
    MenuItem("Thông tin dạng văn bản", icon="document"),
    MenuItem("Thủ tục một cửa", icon="desk"),
    MenuItem("Tra cứu thủ tục", icon="search"),
    MenuItem("Quản lý văn bản", icon="mail"),
    MenuItem("Quản trị", "admin.index", "settings", "admin", roles=("admin",)),
)


def menu_for(user) -> list[MenuItem]:
    """The items this person sees (Quản trị only for administrators)."""
    if user is None:
        return []
    return [item for item in MENU if not item.roles or user.has_role(*item.roles)]
