"""The search itself: the database's full-text index, only the searcher's unit, best matches first.

PostgreSQL: ``search_vector @@ plainto_tsquery('simple', unaccent(:q))`` on the GIN index over (unit, vector);
hits whose number or title match come first (``ts_rank`` of the small ``title_vector``), then the newest. SQLite: FTS5 ``MATCH`` with each word quoted (no query syntax reaches FTS5), ranked by
``bm25``. Both see the same prepared words (``prepare.terms``): every word must be found.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from .prepare import terms

_PG = """
SELECT e.kind, e.ref_id, e.number, e.title, e.state_label, count(*) OVER () AS total
FROM search_entries e, plainto_tsquery('simple', unaccent(:q)) AS query
WHERE e.unit_code = :unit AND e.search_vector @@ query
ORDER BY ts_rank(e.title_vector, query) DESC, e.updated_at DESC, e.id DESC
LIMIT :limit OFFSET :offset
"""
_SQLITE = """
WITH hits AS (SELECT rowid AS id, bm25(search_fts) AS rank FROM search_fts WHERE search_fts MATCH :q)
SELECT e.kind, e.ref_id, e.number, e.title, e.state_label, count(*) OVER () AS total
FROM hits JOIN search_entries e ON e.id = hits.id
WHERE e.unit_code = :unit
ORDER BY hits.rank, e.updated_at DESC, e.id DESC
LIMIT :limit OFFSET :offset
"""
# The baseline the benchmark measures beside the index: a plain scan, not accent-insensitive.
ILIKE = """
SELECT e.kind, e.ref_id, e.number, e.title, e.state_label
FROM search_entries e
WHERE e.unit_code = :unit AND (e.title ILIKE :pattern OR e.text ILIKE :pattern)
ORDER BY e.updated_at DESC, e.id DESC LIMIT :limit
"""


def search(session: Session, unit_code: str, query: str, limit: int, offset: int) -> tuple[list, int]:
    """(rows of kind, ref_id, number, title, state_label; total matches) in the unit."""
    found = terms(query)
    if not found:
        return [], 0
    for words in ([found.pairs, found.words] if found.pairs else [found.words]):
        rows, total = _run(session, unit_code, words, limit, offset)
        if total:
            return rows, total
    return [], 0


def _run(session: Session, unit_code: str, words: list[str], limit: int, offset: int) -> tuple[list, int]:
    if session.get_bind().dialect.name == "postgresql":
        sql, q = _PG, " ".join(words)
    else:
        sql, q = _SQLITE, " ".join('"' + word.replace('"', "") + '"' for word in words)
    rows = session.execute(text(sql), {"q": q, "unit": unit_code, "limit": limit, "offset": offset}).all()
    if rows:
        return rows, rows[0].total
    if offset:  # a page past the end: how many there are is still the answer's
        return [], _run(session, unit_code, words, 1, 0)[1]
    return [], 0
