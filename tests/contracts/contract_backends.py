"""The two backends of the contract cases: the gateway's fake services and the real services.

``backend`` is parametrised: ``fake`` is ``gateway/tests/fakes`` (what the
gateway's own tests run against); ``real`` is the real workflow service in a
nameko runner over the in-memory bus and SQLite (as ``services/*/tests/service``
run it), reached through the gateway's own RPC port (``NamekoRpc``). The
services the workflow calls (context, documents) are played there by nameko
stand-ins that answer from the same seed as the fakes, and a publisher opens
dossiers the way the quality service does: a ``quality.policy.submitted`` event.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from eiso_contracts.dossier import DossierRequest
from nameko.rpc import rpc
from sqlalchemy import MetaData

from eiso_kit.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "gateway" / "tests"))

from fakes import FakeServices  # noqa: E402

SEED = FakeServices()  # the people and files the stand-ins answer with (read only)


class ContextStandIn:
    """The context service as the workflow uses it, answering from the fakes' seed."""

    name = "context"

    @rpc
    def get_person(self, person_id):
        return SEED.call("context", "get_person", person_id)

    @rpc
    def get_people(self, person_ids):
        return SEED.call("context", "get_people", person_ids)


class DocumentsStandIn:
    name = "documents"

    @rpc
    def get_files(self, file_ids):
        return SEED.call("documents", "get_files", file_ids)


class Publisher:
    """Plays the owning service: emits ``quality.policy.submitted`` through its outbox."""

    name = "publisher"
    db = Database(MetaData())

    @rpc
    def submit(self, request: dict, content: dict) -> str:
        from eiso_contracts.content import PolicyContent
        from eiso_contracts.events.quality import PolicySubmitted

        request = DossierRequest.model_validate(request)
        with self.db.transaction() as tx:
            event = tx.emit(PolicySubmitted(
                policy_id=request.artefact.id, unit_code=request.unit_code,
                content=PolicyContent.model_validate(content), submitted_by=request.opened_by,
                dossier_request=request), subject=f"policy/{request.artefact.id}")
        return event.id


def actor_of(person_id: str):
    """The ``Actor`` the gateway would build for a seeded person, signed as the gateway signs it."""
    from eiso_contracts.rpc.common import Actor
    from eiso_kit.actors import sign
    from eiso_kit.testing.actors import TEST_ACTOR_KEY

    person = SEED.context.people[person_id]
    return sign(Actor(id=person.id, unit_code=person.unit_code, roles=person.roles,
                      department_id=person.department_id, full_name=person.full_name), TEST_ACTOR_KEY)


@dataclass
class Backend:
    name: str
    port: object                                   # the gateway's RPC port: call(service, method, ...)
    open: Callable[[DossierRequest], str]          # open a dossier as its owner would; returns its code
