"""Tables an owning service keeps beside its own to follow its artefacts' dossiers."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Boolean, Column, Index, Integer, MetaData, String, Table, false

from ..db.types import JsonType, UtcDateTime


@dataclass(frozen=True)
class DossierTables:
    progress: Table
    facts: Table


def dossier_tables(metadata: MetaData) -> DossierTables:
    """Add (once) and return the progress and fact-buffer tables of ``metadata``."""
    if "eiso_dossier_progress" in metadata.tables:
        return DossierTables(metadata.tables["eiso_dossier_progress"], metadata.tables["eiso_dossier_facts"])
    progress = Table(
        "eiso_dossier_progress", metadata,
        Column("dossier_code", String(40), primary_key=True),
        Column("artefact_kind", String(40), nullable=False),
        Column("artefact_id", String(64), nullable=False),
        Column("applied_version", Integer, nullable=False, server_default="0"),
        Column("awaiting_completion", Boolean, nullable=False, server_default=false()),
        Column("completed", Boolean, nullable=False, server_default=false()),
        Column("updated_at", UtcDateTime, nullable=False),
        Column("waiting_since", UtcDateTime),  # set while a fact waits for an earlier one
    )
    facts = Table(
        "eiso_dossier_facts", metadata,
        Column("dossier_code", String(40), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("rank", Integer, nullable=False),
        Column("fact", JsonType, nullable=False),
        Column("received_at", UtcDateTime, nullable=False),
        Column("applied_at", UtcDateTime),  # None: waiting in the buffer
        Index("ix_eiso_dossier_facts_pending", "dossier_code", "applied_at", "version", "rank"),
    )
    return DossierTables(progress, facts)
