"""Ordered links from something the service keeps (a document version, a record) to its files.

A link table has the owner's id column, ``file_id`` and ``position`` (the order people attached them in).
"""
from __future__ import annotations

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session


def link(session: Session, table: Table, owner: str, owner_id: str, file_ids: list[str]) -> None:
    if file_ids:
        session.execute(insert(table), [{owner: owner_id, "file_id": file_id, "position": index}
                                        for index, file_id in enumerate(file_ids)])


def rows_with_files(session: Session, query, table: Table, owner: str, lock: bool) -> tuple[list, dict[str, list[str]]]:
    """The rows of ``query`` (locked if asked) and, by row id, the ids of their files in order."""
    if lock:
        query = query.with_for_update()
    rows = session.execute(query).all()
    files: dict[str, list[str]] = {row.id: [] for row in rows}
    if rows:
        column = table.c[owner]
        for found in session.execute(select(table).where(column.in_(list(files)))
                                     .order_by(column, table.c.position)):
            files[getattr(found, owner)].append(found.file_id)
    return rows, files
