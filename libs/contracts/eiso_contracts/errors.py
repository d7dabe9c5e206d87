"""Typed errors that travel over RPC and keep their class on the caller's side.

nameko serialises an exception as its module path and args; classes marked
``deserialize_to_instance`` are rebuilt as themselves by the caller, so the
gateway maps them to HTTP with one table instead of parsing strings.
"""
from nameko.exceptions import deserialize_to_instance


@deserialize_to_instance
class EisoError(Exception):
    """Base of every error a user or client may see: a message a person understands."""

    status = 400
    code = "BAD_REQUEST"

    def __init__(self, message: str, details=None):
        # Only real details travel: nameko stringifies every arg, so a None would come back as "None".
        if details is None:
            super().__init__(message)
        else:
            super().__init__(message, details)

    @property
    def message(self) -> str:
        return self.args[0]

    @property
    def details(self):
        return self.args[1] if len(self.args) > 1 else None

    def as_dict(self) -> dict:
        body = {"error": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


@deserialize_to_instance
class InvalidInput(EisoError):
    status = 422
    code = "INVALID_INPUT"


@deserialize_to_instance
class IdempotencyKeyReused(InvalidInput):
    """An idempotency key sent again with other content: refused, never answered with the first result."""

    code = "IDEMPOTENCY_KEY_REUSED"


@deserialize_to_instance
class AuthenticationFailed(EisoError):
    status = 401
    code = "AUTHENTICATION_FAILED"


@deserialize_to_instance
class Forbidden(EisoError):
    status = 403
    code = "FORBIDDEN"


@deserialize_to_instance
class NotFound(EisoError):
    status = 404
    code = "NOT_FOUND"


@deserialize_to_instance
class AlreadyProcessed(EisoError):
    """Someone acted first: the step or record changed since the form was opened."""

    status = 409
    code = "ALREADY_PROCESSED"


@deserialize_to_instance
class Conflict(EisoError):
    status = 409
    code = "CONFLICT"


@deserialize_to_instance
class PayloadTooLarge(EisoError):
    status = 413
    code = "PAYLOAD_TOO_LARGE"


@deserialize_to_instance
class ServiceUnavailable(EisoError):
    """A service this one depends on did not answer; trying again later may work."""

    status = 503
    code = "SERVICE_UNAVAILABLE"


@deserialize_to_instance
class TooManyRequests(EisoError):
    """Too many tries or too much in a period (sign-in attempts, the daily upload quota).

    ``details`` is ``{"retry_after": seconds}``: when trying again may work (the ``Retry-After`` header).
    """

    status = 429
    code = "TOO_MANY_REQUESTS"

    @property
    def retry_after(self) -> int | None:
        details = self.details
        if isinstance(details, dict) and isinstance(details.get("retry_after"), int):
            return details["retry_after"]
        return None


ALL_ERRORS = (
    EisoError, InvalidInput, AuthenticationFailed, Forbidden, NotFound,
    AlreadyProcessed, Conflict, PayloadTooLarge, ServiceUnavailable, TooManyRequests,
)
