"""The database's own full-text index over ``search_entries.text``, created by the migration.

PostgreSQL: the trusted extensions ``unaccent`` (accents off, đ -> d) and ``btree_gin`` (the unit's code
in the same GIN index as the words), a trigger that sets ``search_vector`` to
``to_tsvector('simple', unaccent(text))`` and ``title_vector`` to the same of ``heading`` (the number and
title, prepared) whenever a row is written (a restore's rows too), and the GIN
index declared in models.py. Hits are ordered by ``ts_rank`` of the small ``title_vector``: ranking by the
whole text would read (and decompress) every match's large vector, several times the cost of the search. ``simple``: Vietnamese has no stemmer in PostgreSQL, and its words are
syllables separated by spaces, which ``simple`` keeps as they are.

SQLite (the embedded run): an external-content FTS5 table over ``search_entries`` (``unicode61
remove_diacritics 2``), kept in step by three triggers. A later migration that rebuilds
``search_entries`` in batch mode (SQLite copies the table) must create the triggers again
(``create(op)`` after it).
"""
from __future__ import annotations

PG_EXTENSIONS = ("unaccent", "btree_gin")

PG_CREATE = [
    *(f"CREATE EXTENSION IF NOT EXISTS {name}" for name in PG_EXTENSIONS),
    """CREATE OR REPLACE FUNCTION documents_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := to_tsvector('simple'::regconfig, unaccent(coalesce(NEW.text, '')));
  NEW.title_vector := to_tsvector('simple'::regconfig, unaccent(coalesce(NEW.heading, '')));
  RETURN NEW;
END $$""",
    """CREATE TRIGGER search_entries_vector BEFORE INSERT OR UPDATE ON search_entries
FOR EACH ROW EXECUTE FUNCTION documents_search_vector()""",
    # The search reads the unit, the number, the title and the small title vector of every match; the large text
    # and vector are never needed once indexed (the GIN index answers without a recheck), so they live out of
    # line and a match costs one narrow heap row (a heap that stays in shared buffers).
    "ALTER TABLE search_entries SET (toast_tuple_target = 256)",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS search_entries_vector ON search_entries",
    "DROP FUNCTION IF EXISTS documents_search_vector()",
]

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_entries', content_rowid='id',
tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
  INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text);
END""",
    """CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
  INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text);
END""",
    """CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
  INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text);
END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entries_au",
    "DROP TRIGGER IF EXISTS search_entries_ad",
    "DROP TRIGGER IF EXISTS search_entries_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _statements(dialect: str, create: bool) -> list[str]:
    if dialect == "postgresql":
        return PG_CREATE if create else PG_DROP
    if dialect == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    raise RuntimeError(f"the documents search needs PostgreSQL or SQLite, not {dialect}")


def extensions(op) -> None:
    """Before the GIN index is created (it needs btree_gin for the unit's code)."""
    if op.get_bind().dialect.name == "postgresql":
        for name in PG_EXTENSIONS:
            op.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")


def create(op) -> None:
    for statement in _statements(op.get_bind().dialect.name, create=True):
        op.execute(statement)


def drop(op) -> None:
    for statement in _statements(op.get_bind().dialect.name, create=False):
        op.execute(statement)
