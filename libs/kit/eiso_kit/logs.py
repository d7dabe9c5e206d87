"""Logging details every process shares."""
from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    """nameko logs a typed refusal (an "expected" error: InvalidInput, Forbidden, ...) with its traceback;
    a refusal is an answer, not an incident, so keep its one line and drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "nameko.containers" and str(record.msg).startswith("(expected)"):
            record.exc_info = None
            record.exc_text = None
        return True
