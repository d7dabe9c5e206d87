"""Names for ids: departments, people and files, fetched once per request.

The workflow's views carry ids (handler_id, department_id, attachments); pages
show names. Each lookup is one batched RPC, remembered on ``g`` for the rest
of the request, never across requests (the gateway keeps no data).
"""
from __future__ import annotations

from eiso_contracts.rpc.context import DepartmentView, PersonView
from eiso_contracts.rpc.documents import FileView
from flask import g

from .app import services


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


def files(ids) -> dict[str, FileView]:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    return {f.id: f for f in services().documents.get_files(ids)}
