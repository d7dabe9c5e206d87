"""What the search indexes and what it looks for, prepared the same way on both sides.

The database folds the accents (PostgreSQL's ``unaccent``, SQLite's FTS5 ``remove_diacritics 2``). Done here
first, identically for the indexed text and the query:

- punctuation becomes space, so ``08/TTNB-To`` is the words ``08 TTNB To`` whatever the database's parser
  makes of slashes and hyphens (a search for ``TTNB-To`` finds it);
- ``đ``/``Đ`` become ``d``/``D``, which FTS5 does not fold (it has no decomposition in Unicode; PostgreSQL's
  unaccent does fold it, so this changes nothing there);
- each pair of neighbouring words is indexed as one more word (``tài liệu`` also as ``tàiliệu``). A Vietnamese
  word is often two syllables written apart ("tài liệu", "kiểm soát"), and single syllables are very common
  ("tài" is in "tài liệu", "tài chính", "tài sản"): a query of several words looks for its pairs, which few
  documents have, so the index answers from short lists; when no document has the pairs, the query looks for
  the words one by one (``Terms.words``), in any order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TEXT = 300_000            # characters of file text kept per entry (PostgreSQL's tsvector holds 1 MB)
MAX_TERMS = 12                # words of one query
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _pairs(words: list[str]) -> list[str]:
    return [first + second for first, second in zip(words, words[1:])]


def with_pairs(text: str) -> str:
    """The words of ``text`` (folded), then each pair of neighbours as one word."""
    words = fold(text).split()
    return " ".join(words + _pairs(words))


def indexed_text(number: str, title: str, bodies: list[str]) -> str:
    """The text an entry is found by: its number, its title, the text of its files (cut at MAX_TEXT), each
    part with its pairs (pairs never span two parts)."""
    body = fold(" ".join(bodies))[:MAX_TEXT]
    return " ".join(part for part in (with_pairs(number), with_pairs(title), with_pairs(body)) if part)


@dataclass(frozen=True)
class Terms:
    words: list[str]          # every word must be found (anywhere)
    pairs: list[str]          # every pair of neighbours must be found: tried first when there are any

    def __bool__(self) -> bool:
        return bool(self.words)


def terms(query: str) -> Terms:
    """The words of a query (at most MAX_TERMS) and their pairs; empty when nothing searchable is left."""
    words = fold(query).split()[:MAX_TERMS]
    return Terms(words=words, pairs=_pairs(words))
