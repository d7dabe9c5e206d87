"""What the gateway knows about each kind of artefact a dossier can be about.

A dossier names its artefact as (service, kind, id). For each kind we say
where its create form lives ("Tạo hồ sơ"), how its content is previewed on
"Thông tin hồ sơ", and how the "Xử lý" form edits it. A kind missing here
still works: the dossier page shows its title and the form has no editor.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from eiso_contracts.content import content_model
from eiso_contracts.errors import InvalidInput
from eiso_kit.rpc import parse

from .app import services


@dataclass(frozen=True)
class ArtefactKind:
    service: str
    kind: str
    create_endpoint: str | None          # the owning module's page that opens a dossier of this kind
    load: Callable[[str], Any]           # artefact id -> the owner's view (for the preview)
    preview_template: str
    editor_template: str | None          # partial that edits the content on "Xử lý"
    fields_of: Callable[[dict], dict[str, str]]       # content -> form fields (strings)
    content_of: Callable[[dict[str, str]], dict]      # form fields -> content (raises InvalidInput)
    current_content: Callable[[Any], dict]            # loaded view -> content dict


# -- quality policy: Năm, Phương châm, Chính sách (one statement per line) ------------------
POLICY_FIELDS = ("year", "motto", "statements")


def policy_fields(content: dict) -> dict[str, str]:
    return {
        "year": str(content.get("year", "")),
        "motto": content.get("motto", ""),
        "statements": "\n".join(content.get("statements", [])),
    }


def policy_content(fields: dict[str, str]) -> dict:
    """Friendly checks first (the person reads them), then the contract model (the rule)."""
    year_text = (fields.get("year") or "").strip()
    motto = (fields.get("motto") or "").strip()
    statements = [line.strip() for line in (fields.get("statements") or "").splitlines() if line.strip()]
    try:
        # isdigit() would accept "²⁰²⁶", which int() refuses; isdecimal() digits (any script) are read by int().
        year = int(year_text) if year_text.isdecimal() else None
    except ValueError:
        year = None
    if year is None or not 2000 <= year <= 2100:
        raise InvalidInput("Năm không hợp lệ (từ 2000 đến 2100).")
    if not motto:
        raise InvalidInput("Vui lòng nhập Phương châm.")
    if not statements:
        raise InvalidInput("Vui lòng nhập ít nhất một nội dung Chính sách (mỗi dòng một nội dung).")
    if len(motto) > 500 or any(len(line) > 500 for line in statements):
        raise InvalidInput("Phương châm và mỗi nội dung Chính sách tối đa 500 ký tự.")
    if len(statements) > 30:
        raise InvalidInput("Chính sách tối đa 30 nội dung.")
    content = parse(content_model("quality.policy"), {"year": year, "motto": motto,
                                                        "statements": statements})
    return content.model_dump(mode="json")


KINDS: dict[tuple[str, str], ArtefactKind] = {
    ("quality", "policy"): ArtefactKind(
        service="quality", kind="policy", create_endpoint="quality.new_policy",
        load=lambda artefact_id: services().quality.get_policy(artefact_id),
        preview_template="dossiers/_preview_policy.html",
        editor_template="dossiers/_editor_policy.html",
        fields_of=policy_fields, content_of=policy_content,
        current_content=lambda policy: policy.content.model_dump(mode="json"),
    ),
}


def kind_of(service: str, kind: str) -> ArtefactKind | None:
    return KINDS.get((service, kind))
