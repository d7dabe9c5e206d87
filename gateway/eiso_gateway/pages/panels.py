"""Secondary panels of a page degrade alone when their service is unavailable.

The home page shows the policy AND the inbox counts: if the quality service
is restarting, the inbox counts are still worth showing. Only availability
failures are absorbed; a real error (403, 500 incident...) still goes to the
one error table.
"""
from __future__ import annotations

import logging
from typing import Callable, TypeVar

from eiso_contracts.errors import ServiceUnavailable
from nameko.exceptions import RpcTimeout, UnknownService

T = TypeVar("T")
log = logging.getLogger(__name__)

UNAVAILABLE = (RpcTimeout, ServiceUnavailable, UnknownService)


def optional(load: Callable[[], T]) -> tuple[T | None, bool]:
    """``(value, False)``, or ``(None, True)`` when the service did not answer."""
    try:
        return load(), False
    except UNAVAILABLE as exc:
        log.warning("panel unavailable: %r", exc)
        return None, True
