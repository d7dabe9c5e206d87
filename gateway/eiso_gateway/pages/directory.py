"""Names for ids: departments, people and files, fetched once per request.

The workflow's views carry ids (handler_id, department_id, attachments); pages
show names. Each lookup is one batched RPC, remembered on ``g`` for the rest
of the request, never across requests (the gateway keeps no data).
"""
from __future__ import annotations

import logging

from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.context import DepartmentView, PersonView
from eiso_contracts.rpc.documents import FileView, GetFiles
from flask import g
from pydantic import ValidationError

from ..resources import services
from .panels import UNAVAILABLE

log = logging.getLogger(__name__)

# documents.get_files takes at most this many ids per call (GetFiles.file_ids).
FILES_PER_LOOKUP = 200


def departments(unit_code: str) -> dict[str, DepartmentView]:
    cache = g.setdefault("_departments", {})
    if unit_code not in cache:
        cache[unit_code] = {d.id: d for d in services().context.list_departments(unit_code)}
    return cache[unit_code]


def people(ids) -> dict[str, PersonView]:
    cache: dict[str, PersonView] = g.setdefault("_people", {})
    missing = sorted({i for i in ids if i and i not in cache})
    if missing:
        for person in services().context.get_people(missing):
            cache[person.id] = person
    return {i: cache[i] for i in ids if i in cache}


def candidates(unit_code: str, role: str | None) -> list[PersonView]:
    """Active people who may handle a step of ``role`` ("Chọn người xử lý")."""
    cache = g.setdefault("_candidates", {})
    if (unit_code, role) not in cache:
        found = services().context.list_people(unit_code, role=role)
        cache[(unit_code, role)] = [p for p in found if p.active]
    return cache[(unit_code, role)]


def _lookable(file_id: str) -> bool:
    """An id the documents service would take (1-64 characters, no control character)."""
    try:
        GetFiles.model_validate({"file_ids": [file_id]})
    except ValidationError:
        return False
    return True


def files(ids, actor: Actor) -> dict[str, FileView]:
    """``{id: FileView}`` of the files that exist in ``actor``'s unit (the documents service leaves out others).

    A dossier's history may name any number of ids, some never stored or
    refused by the documents service: they are looked up de-duplicated, in
    calls of at most 200, and an id that cannot be looked up is simply absent
    (the page says "Tập tin không còn"). A names lookup never fails a page.
    """
    if not isinstance(actor, Actor):  # a caller's mistake (a unit code passed): loud, not "Tập tin không còn"
        raise TypeError(f"directory.files needs the signed-in person's actor, not {type(actor).__name__}")
    cache: dict[str, FileView | None] = g.setdefault("_files", {})
    wanted = [i for i in dict.fromkeys(ids) if i and i not in cache]
    lookable = [i for i in wanted if _lookable(i)]
    for file_id in wanted:
        cache[file_id] = None
    for start in range(0, len(lookable), FILES_PER_LOOKUP):
        chunk = lookable[start:start + FILES_PER_LOOKUP]
        try:
            found = services().documents.get_files(chunk, actor)
        except UNAVAILABLE as exc:
            log.warning("file names unavailable: %r", exc)
            break  # do not wait for the same silent service once per chunk
        except Exception as exc:  # a refused or broken lookup: these files are shown as unknown
            log.warning("file names lookup of %d ids failed: %r", len(chunk), exc)
            continue
        for item in found:
            if item.id in cache:
                cache[item.id] = item
    return {i: cache[i] for i in dict.fromkeys(ids)
            if cache.get(i) is not None and cache[i].unit_code == actor.unit_code}
