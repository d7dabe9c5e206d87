"""What the workflow asks other services, before a transaction opens.

The context service owns people; the workflow only asks "who is this, in which
unit and department, with which roles, still active?" and applies its own
rule (``domain.assignment``). The documents service owns files; the workflow
asks who uploaded them and for which unit. An unknown person is None; a
service that cannot answer is a typed error, never a raw exception.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from eiso_contracts.errors import InvalidInput, ServiceUnavailable
from eiso_contracts.rpc.context import PersonView
from pydantic import ValidationError

from eiso_kit.rpc import call

from .domain.assignment import person_from

log = logging.getLogger(__name__)

UNAVAILABLE = ("Không kiểm tra được người xử lý vì dịch vụ quản lý tổ chức (context) chưa trả lời. "
               "Vui lòng thử lại sau.")


def fetch_people(context, person_ids: Iterable[str], timeout: float) -> dict[str, PersonView | None]:
    """``{id: PersonView or None}`` in one ``context.get_people`` call; ``ServiceUnavailable`` if context fails."""
    wanted = list(dict.fromkeys(person_ids))
    if not wanted:
        return {}
    answered = call(context.get_people, wanted, timeout=timeout, unavailable=UNAVAILABLE)
    try:
        people = [person_from(item) for item in answered]
    except ValidationError:
        log.exception("context.get_people(%r) answered something that is not a list of PersonView", wanted)
        raise ServiceUnavailable(UNAVAILABLE) from None
    by_id = {person.id: person for person in people}
    return {person_id: by_id.get(person_id) for person_id in wanted}


FILES_UNAVAILABLE = ("Không kiểm tra được tập tin đính kèm vì dịch vụ tài liệu (documents) chưa trả lời. "
                     "Vui lòng thử lại sau.")
BAD_ATTACHMENT = ("Chỉ đính kèm được tập tin do chính bạn tải lên, hoặc tập tin đã có trong hồ sơ; tập tin phải "
                  "thuộc đơn vị của hồ sơ.")


def check_attachments(documents, file_ids: Iterable[str], unit_code: str, timeout: float, *, uploader: str,
                      already_attached: Iterable[str] = ()) -> None:
    """One rule for the form and the API: a person attaches files they uploaded themselves, or files the
    dossier already holds (kept from a step or the draft); every one stored for this unit (InvalidInput)."""
    wanted = list(dict.fromkeys(file_ids))
    if not wanted:
        return
    answered = call(documents.get_files, wanted, timeout=timeout, unavailable=FILES_UNAVAILABLE)
    held = set(already_attached)
    allowed = {item.get("id") for item in answered if isinstance(item, dict)
               and item.get("unit_code") == unit_code
               and (item.get("uploaded_by") == uploader or item.get("id") in held)}
    if any(file_id not in allowed for file_id in wanted):
        raise InvalidInput(BAD_ATTACHMENT)
