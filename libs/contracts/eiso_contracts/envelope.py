"""The CloudEvents 1.0 envelope (structured JSON mode) every public event travels in.

``type`` is ``<deployment prefix>.<event type>``, for example
``vn.eiso.quality.policy.issued.v1``; ``source`` + ``id`` are unique, so
consumers deduplicate on them.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InvalidInput
from .events.base import EventData, event_model

CONTENT_TYPE = "application/cloudevents+json"


class CloudEvent(BaseModel):
    """A CloudEvents 1.0 event in structured JSON mode."""

    model_config = ConfigDict(extra="allow", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    type: str = Field(min_length=1)
    time: datetime
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    data: dict[str, Any]

    @field_validator("time")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("time must carry a timezone (RFC 3339)")
        return value

    def event_type(self, prefix: str) -> str:
        """The type without the deployment prefix, e.g. ``quality.policy.issued.v1``."""
        head = prefix + "."
        if not self.type.startswith(head):
            raise InvalidInput(f"event type {self.type!r} is not under prefix {prefix!r}")
        return self.type[len(head):]

    def payload(self, prefix: str) -> EventData:
        """The data rebuilt as its pydantic model, looked up by type."""
        model = event_model(self.event_type(prefix))
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            raise InvalidInput(f"event {self.id} has invalid data for {self.type}", exc.errors(include_url=False)) from exc

    def to_json(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode("utf-8")


def make_event(data: EventData, *, source: str, prefix: str, subject: str | None = None,
               id: str | None = None, time: datetime | None = None) -> CloudEvent:
    """Wrap event data in an envelope ready for the outbox."""
    return CloudEvent(
        id=id or str(uuid.uuid4()),
        source=source,
        type=f"{prefix}.{data.event_type}",
        time=time or datetime.now(timezone.utc),
        subject=subject,
        data=data.model_dump(mode="json"),
    )


def parse_event(body: bytes | str | dict) -> CloudEvent:
    """Parse a structured-mode CloudEvent; a malformed one raises ``InvalidInput``."""
    try:
        if isinstance(body, (bytes, str)):
            body = json.loads(body)
        return CloudEvent.model_validate(body)
    except (ValueError, ValidationError) as exc:
        raise InvalidInput(f"not a valid CloudEvent: {exc}") from exc
