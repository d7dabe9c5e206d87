"""Tables of the documents service: file metadata (the bytes are in object storage) + the plumbing tables."""
from pathlib import Path

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table

from eiso_kit.db import UtcDateTime, plumbing_tables

metadata = MetaData()
plumbing = plumbing_tables(metadata)
MIGRATIONS = Path(__file__).parent / "migrations"

STORED = "stored"    # the bytes are safely in storage and the row committed
REMOVED = "removed"  # never attached to a dossier: removed after the retention (the row stays as a record)

files = Table(
    "files", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("name", String(255), nullable=False),
    Column("content_type", String(200), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("uploaded_at", UtcDateTime, nullable=False),
    Column("storage_key", String(300), nullable=False, unique=True),
    Column("state", String(16), nullable=False, server_default=STORED),
    # The first dossier that listed the file in a transfer (workflow.dossier.* events): kept for good.
    Column("attached_to", String(64)),
    Column("attached_at", UtcDateTime),
    # The dossier whose saved draft ("Chưa chuyển") lists the file now: kept while it does.
    Column("draft_of", String(64)),
    # Since when no dossier lists the file (its upload, or when a draft let it go): the retention's clock.
    Column("unattached_since", UtcDateTime),
    Index("ix_files_unit_uploaded", "unit_code", "uploaded_at"),
    Index("ix_files_uploader_day", "uploaded_by", "uploaded_at"),
    Index("ix_files_unattached", "state", "attached_to", "unattached_since"),
    Index("ix_files_draft_of", "draft_of"),
)

# The newest version of each dossier whose events were applied here (a saved draft of an older version,
# delivered late, must not bring back files the dossier let go).
dossier_versions = Table(
    "dossier_versions", metadata,
    Column("code", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
)

# The key that signs grants to the file endpoint: one random row, written by the migration, shared by
# every copy of the service (they all read this database); nobody else needs it.
grant_keys = Table(
    "grant_keys", metadata,
    Column("id", Integer, primary_key=True),
    Column("secret", String(128), nullable=False),
)
