"""What a form refused, per field, so the page can say it once at the top and mark each field.

A check that knows which input is wrong raises ``FormInvalid`` (an
``InvalidInput``: 422 everywhere) naming the field; any other refusal is a
message for the form as a whole. ``FormErrors`` is what a template needs: the
summary (focused when the page loads) and, per field, ``aria-invalid`` and the
id of its message for ``aria-describedby``.
"""
from __future__ import annotations

from dataclasses import dataclass

from eiso_contracts.errors import InvalidInput


@dataclass(frozen=True)
class FieldError:
    field: str      # the input's name and id on the form; "" for the form as a whole
    message: str

    @property
    def anchor(self) -> str:
        return f"{self.field}-error" if self.field else ""


class FormInvalid(InvalidInput):
    """Refused input, naming the fields to mark."""

    def __init__(self, errors: list[FieldError]):
        errors = list(errors)
        super().__init__(" ".join(e.message for e in errors),
                         [{"field": e.field, "message": e.message} for e in errors])
        self.errors = errors


def invalid(field: str, message: str) -> FormInvalid:
    """One field refused with one sentence."""
    return FormInvalid([FieldError(field, message)])


class FormErrors:
    """The errors a re-rendered form shows (empty on a fresh form)."""

    def __init__(self, errors: list[FieldError] | None = None):
        self.errors = list(errors or [])

    @classmethod
    def of(cls, exc: BaseException | None, message: str | None = None) -> "FormErrors":
        """From a refusal: its fields when it names them, else ``message`` (or its own) for the whole form."""
        if isinstance(exc, FormInvalid):
            return cls(exc.errors)
        text = message if message is not None else getattr(exc, "message", None)
        return cls([FieldError("", text)] if text else [])

    @classmethod
    def message(cls, text: str | None) -> "FormErrors":
        return cls([FieldError("", text)] if text else [])

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __iter__(self):
        return iter(self.errors)

    def for_field(self, field: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == field]

    def invalid(self, field: str) -> bool:
        return bool(self.for_field(field))

    def described_by(self, field: str, *others: str) -> str:
        """The ``aria-describedby`` value: the field's own help ids, then its error message."""
        ids = [i for i in others if i] + ([f"{field}-error"] if self.invalid(field) else [])
        return " ".join(ids)
