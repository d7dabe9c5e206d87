"""Looking people up in the context service, before a transaction opens.

The context service owns people; the workflow only asks "who is this, in which
unit and department, with which roles, still active?" and applies its own
rule (``domain.assignment``). An unknown person is None; a context service
that cannot answer is a typed error, never a raw exception.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from eiso_contracts.errors import EisoError, NotFound
from eiso_contracts.rpc.context import PersonView
from pydantic import ValidationError

from .domain.assignment import person_from

log = logging.getLogger(__name__)

UNAVAILABLE = ("Không kiểm tra được người xử lý vì dịch vụ quản lý tổ chức (context) chưa trả lời. "
               "Vui lòng thử lại sau.")


def fetch_people(context, person_ids: Iterable[str]) -> dict[str, PersonView | None]:
    """``{id: PersonView or None}`` through ``context.get_person``; raises ``EisoError`` if context fails."""
    found: dict[str, PersonView | None] = {}
    for person_id in dict.fromkeys(person_ids):
        try:
            found[person_id] = person_from(context.get_person(person_id))
        except NotFound:
            found[person_id] = None
        except ValidationError:
            log.exception("context.get_person(%r) answered something that is not a PersonView", person_id)
            raise EisoError(UNAVAILABLE) from None
        except EisoError:
            raise
        except Exception:  # UnknownService, RemoteError, connection errors: report, do not 500
            log.exception("context.get_person(%r) failed", person_id)
            raise EisoError(UNAVAILABLE) from None
    return found
