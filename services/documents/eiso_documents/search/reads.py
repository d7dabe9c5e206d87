"""The search entrypoint's work: the unit's documents and records matching every word, best first."""
from __future__ import annotations

from eiso_contracts.rpc.documents import SEARCH_KINDS, SearchHit, SearchPage, SearchQuery

from .query import search


def page(db, query: SearchQuery) -> SearchPage:
    offset = (query.page - 1) * query.page_size
    with db.read() as session:
        rows, total = search(session, query.actor.unit_code, query.q, query.page_size, offset)
    return SearchPage(q=query.q, total=total, page=query.page, page_size=query.page_size, items=[
        SearchHit(kind=row.kind, kind_label=SEARCH_KINDS[row.kind], id=row.ref_id, number=row.number,
                  title=row.title, state_label=row.state_label) for row in rows])
