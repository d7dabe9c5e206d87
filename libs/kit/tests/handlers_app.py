"""A toy service written with the kit's entrypoints (for test_handlers.py)."""
from __future__ import annotations

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.common import Actor, Model
from pydantic import Field

from eiso_kit.handlers import command, internal, query


class Lookup(Model):
    code: str = Field(min_length=1, max_length=10)
    actor: Actor


class Rename(Model):
    actor: Actor
    name: str = Field(min_length=1, max_length=20)


class Ids(Model):
    ids: list[str]


class Named(Model):
    code: str
    unit: str


class Toy:
    name = "toy"

    @query(Lookup)
    def lookup(self, query):
        if query.code == "none":
            raise NotFound("Không tìm thấy.")
        if query.code == "pipe":  # what a broken connection to the broker or the database looks like inside
            raise BrokenPipeError(32, "Broken pipe")
        return Named(code=query.code, unit=query.actor.unit_code)

    @query(Actor)
    def whoami(self, actor):
        return {"id": actor.id}

    @command(Rename)
    def rename(self, cmd):
        return [Named(code=cmd.name, unit=cmd.actor.unit_code)]

    @internal(Ids)
    def count(self, request):
        return len(request.ids)

    @internal()
    def ping(self):
        return "pong"
