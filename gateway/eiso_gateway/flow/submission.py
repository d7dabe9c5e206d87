"""What the two forms that move a dossier share, and the one way they are sent.

"Tạo hồ sơ" (step 1, the owner's create command) and "Xử lý" (the workflow's
``act``) both carry a comment, "Bước xử lý tiếp theo", "Tập tin" and an
idempotency key made when the form is rendered. Both are sent the same way:
check everything the form and the contract can check, only then upload the
new files, then send the command with them. A refusal at any point keeps
what was typed, and files already uploaded are never uploaded again.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Callable, TypeVar

from eiso_kit.rpc import parse
from pydantic import BaseModel

from .routing import NextStepInput
from .uploads import check_count, upload

T = TypeVar("T")
REQUEST_ID_FIELD = "request_id"


def new_request_id() -> str:
    return str(uuid.uuid4())


def read_request_id(form) -> str:
    """The form's idempotency key as rendered, or a new one when it is missing or not a UUID."""
    try:
        return str(uuid.UUID(form.get(REQUEST_ID_FIELD, "").strip()))
    except ValueError:
        return new_request_id()


@dataclass
class DossierForm:
    """The fields both dossier forms share, as typed (strings), ready to be shown again."""

    request_id: str = field(default_factory=new_request_id)   # one per rendered form; kept on a re-render
    comment: str = ""
    next: NextStepInput = field(default_factory=NextStepInput)
    keep_attachments: list[str] = field(default_factory=list)
    uploaded: list[str] = field(default_factory=list)          # uploaded on earlier tries of this form
    content_fields: dict[str, str] = field(default_factory=dict)

    def remember(self, stored) -> None:
        """Files just uploaded stay attached, and known as this form's, on any re-render."""
        ids = [f.id for f in stored]
        self.uploaded = list(dict.fromkeys(self.uploaded + ids))
        self.keep_attachments = list(dict.fromkeys(self.keep_attachments + ids))


def send_with_files(data: DossierForm, new_files, user, command: Callable[[], dict], model: type[BaseModel],
                    send: Callable[[dict], T], checked: bool = False) -> T:
    """Check (``command()`` raises on the form's rules, ``model`` is the contract), upload, then send.

    ``command`` builds the request from ``data`` and is called again after the
    upload, so the new files are in it.
    """
    check_count(data.keep_attachments, new_files)
    parse(model, command())              # every check before a single byte is uploaded
    data.remember(upload(new_files, user, checked))
    return send(command())
