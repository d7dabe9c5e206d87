"""What the gateway knows about each kind of artefact a dossier can be about: one description each.

A dossier names its artefact as (service, kind, id). An area describes each
of its kinds once, here: the content form (derived from the contract's
content model), the template of its fields and of its preview, the content a
new form starts with, how the owner's view is loaded and how a new one is
submitted. The dossiers area runs "Tạo hồ sơ", "Thông tin hồ sơ" and "Xử lý"
for every kind from this description. A kind missing here still works: the
dossier page shows its title and the form has no editor.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from eiso_contracts.rpc.common import Actor
from pydantic import BaseModel

from ..clients import Services
from .content import ContentForm


@dataclass(frozen=True)
class Artefact:
    service: str
    kind: str
    type_code: str                                   # the dossier type whose step 1 creates one ("Tạo hồ sơ")
    form: ContentForm                                # fields <-> content, the contract's rules
    form_template: str                               # its fields; ``editing`` is true on "Xử lý"
    preview_template: str                            # "Thông tin hồ sơ"; ``preview`` is what ``load`` returned
    blank: Callable[[date], dict]                    # today -> the content a new form starts with
    load: Callable[[Services, str, Any], Any]        # (artefact id, the person's actor) -> the owner's view
    content_of: Callable[[Any], dict]                # the owner's view -> its content
    submit_model: type[BaseModel]                    # the owner's create command (checked before any upload)
    submit: Callable[[Services, dict, str], Any]     # (services, command, idempotency key) -> the created view
    created_url: Callable[[Any], str]                # the page shown after creating one
    create_endpoint: str                             # the page "Tạo hồ sơ" links to
    list_endpoint: str                               # breadcrumb and "Hủy bỏ" of the create page
    list_label: str
    # "Tạo hồ sơ" started from another artefact ("?from=<id>" and what else the link says): its content, or None.
    start_from: Callable[[Services, Actor, Mapping[str, str]], dict | None] | None = None
    # What the form template needs beyond the content (choices of a select ...), as ``extra``.
    form_context: Callable[[Services, Actor], dict] = lambda services, actor: {}
    # The files of a new one go through the documents service's checked upload (type by content, text for
    # the search: controlled documents, records).
    checked_uploads: bool = False

    def content_fields(self, content: dict | None) -> dict:
        return self.form.fields_of(content)


ARTEFACTS: dict[tuple[str, str], Artefact] = {}


def register(artefact: Artefact) -> Artefact:
    ARTEFACTS[(artefact.service, artefact.kind)] = artefact
    return artefact


def find(service: str, kind: str) -> Artefact | None:
    return ARTEFACTS.get((service, kind))
