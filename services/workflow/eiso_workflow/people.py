"""Looking people up in the context service, before a transaction opens.

The context service owns people; the workflow only asks "who is this, in which
unit and department, with which roles, still active?" and applies its own
rule (``domain.assignment``). An unknown person is None; a context service
that cannot answer is a typed error, never a raw exception.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from eiso_contracts.errors import EisoError, ServiceUnavailable
from eiso_contracts.rpc.context import PersonView
from pydantic import ValidationError

from .domain.assignment import person_from

log = logging.getLogger(__name__)

UNAVAILABLE = ("Không kiểm tra được người xử lý vì dịch vụ quản lý tổ chức (context) chưa trả lời. "
               "Vui lòng thử lại sau.")


def fetch_people(context, person_ids: Iterable[str]) -> dict[str, PersonView | None]:
    """``{id: PersonView or None}`` in one ``context.get_people`` call; ``ServiceUnavailable`` if context fails."""
    wanted = list(dict.fromkeys(person_ids))
    if not wanted:
        return {}
    try:
        answered = context.get_people(wanted)
        people = [person_from(item) for item in answered]
    except ValidationError:
        log.exception("context.get_people(%r) answered something that is not a list of PersonView", wanted)
        raise ServiceUnavailable(UNAVAILABLE) from None
    except EisoError:
        raise
    except Exception:  # UnknownService, RemoteError, connection errors: report, do not 500
        log.exception("context.get_people(%r) failed", wanted)
        raise ServiceUnavailable(UNAVAILABLE) from None
    by_id = {person.id: person for person in people}
    return {person_id: by_id.get(person_id) for person_id in wanted}
