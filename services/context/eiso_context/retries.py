"""Re-running a short write that lost a race on a unique key (two administrators changing one person at once)."""
from __future__ import annotations

import logging
from typing import Callable, TypeVar

from eiso_contracts.errors import AlreadyProcessed
from sqlalchemy.exc import IntegrityError

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY = "Hệ thống đang xử lý một yêu cầu khác cho tài khoản này. Vui lòng thử lại."


def retry_on_conflict(work: Callable[[], T], attempts: int = 3) -> T:
    """Run ``work`` (one whole transaction) again when its commit hit a unique key another
    transaction took first; after ``attempts`` tries answer ``AlreadyProcessed``."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except IntegrityError as exc:
            log.info("write lost a race (%s), attempt %d of %d", exc.orig.__class__.__name__, attempt, attempts)
    raise AlreadyProcessed(BUSY)
