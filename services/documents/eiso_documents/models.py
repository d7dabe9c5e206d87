"""Tables of the documents service: files (the bytes are in object storage), controlled documents and their
versions, the records archive, loans, destructions, the search entries, + the plumbing tables."""
from pathlib import Path

from sqlalchemy import (BigInteger, Boolean, Column, Date, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, false)
from sqlalchemy.dialects.postgresql import TSVECTOR

from eiso_kit.db import JsonType, UtcDateTime, plumbing_tables
from eiso_kit.db.types import BigId
from eiso_kit.dossiers import dossier_tables
from eiso_kit.idempotency import requests_table

metadata = MetaData()
plumbing = plumbing_tables(metadata)
dossier_progress = dossier_tables(metadata)
requests = requests_table(metadata)
MIGRATIONS = Path(__file__).parent / "migrations"

STORED = "stored"        # the bytes are safely in storage and the row committed
REMOVED = "removed"      # never attached to a dossier: removed after the retention (the row stays as a record)
DESTROYED = "destroyed"  # its record was destroyed by an approved destruction list: bytes deleted, row kept

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
    # What the bytes are, read from them ("pdf", "docx", ...): set by checked uploads (documents, records).
    Column("verified_type", String(16)),
    # When the bytes of a destroyed file were deleted from storage (NULL: still to do, after the commit).
    Column("bytes_deleted_at", UtcDateTime),
    Index("ix_files_unit_uploaded", "unit_code", "uploaded_at"),
    Index("ix_files_purge", "state", "bytes_deleted_at"),
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


# The text inside a checked upload (PDF, Word, Excel), extracted once when it arrives, for the search.
file_texts = Table(
    "file_texts", metadata,
    Column("file_id", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("extracted_at", UtcDateTime, nullable=False),
)

# -- Kiểm soát tài liệu ------------------------------------------------------------------------------
documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("internal_number", String(40), nullable=False),       # STTNB, unique in the unit
    Column("title", String(300), nullable=False),                # of the version in force (else the newest)
    Column("doc_type", String(20), nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("latest_version", Integer, nullable=False),
    Column("in_force_version", Integer),
    Column("review_date", Date),
    Column("review_reminded_for", Date),                         # the review date a reminder was sent for
    Column("created_by", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("unit_code", "internal_number", name="uq_documents_unit_number"),
    Index("ix_documents_unit_type", "unit_code", "doc_type"),
    Index("ix_documents_unit_department", "unit_code", "department_id"),
    Index("ix_documents_review", "review_date"),
)

document_versions = Table(
    "document_versions", metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), nullable=False),
    Column("unit_code", String(20), nullable=False),
    Column("number", Integer, nullable=False),
    Column("content", JsonType, nullable=False),                 # DocumentVersionContent, as last revised
    Column("status", String(16), nullable=False),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("approved_by", String(64)),
    Column("approved_at", UtcDateTime),
    Column("effective_from", Date),
    Column("withdrawn_on", Date),
    UniqueConstraint("document_id", "number", name="uq_document_versions_number"),
    Index("ix_document_versions_status", "status"),
)

document_version_files = Table(
    "document_version_files", metadata,
    Column("version_id", String(64), primary_key=True),
    Column("file_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_document_version_files_file", "file_id"),
)

document_acknowledgements = Table(
    "document_acknowledgements", metadata,
    Column("document_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("person_id", String(64), primary_key=True),
    Column("department_id", String(64)),
    Column("at", UtcDateTime, nullable=False),
)

# -- Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ ----------------------------------------------------------
records = Table(
    "records", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("number", String(60), nullable=False),
    Column("title", String(300), nullable=False),
    Column("record_type", String(20), nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("dossier_code", String(40)),                          # archived from this completed dossier
    Column("closed_on", Date, nullable=False),
    Column("retention_years", Integer),                          # NULL: permanent (Vĩnh viễn)
    Column("retention_until", Date),
    Column("location_store", String(60), nullable=False, server_default=""),
    Column("location_shelf", String(60), nullable=False, server_default=""),
    Column("location_box", String(60), nullable=False, server_default=""),
    Column("state", String(16), nullable=False),                 # archived | destroyed (a tombstone)
    Column("archived_by", String(64), nullable=False),
    Column("archived_at", UtcDateTime, nullable=False),
    Column("destruction_id", String(64)),
    Column("destroyed_at", UtcDateTime),
    UniqueConstraint("unit_code", "number", name="uq_records_unit_number"),
    UniqueConstraint("unit_code", "dossier_code", name="uq_records_unit_dossier"),
    Index("ix_records_unit_state_retention", "unit_code", "state", "retention_until"),
)

record_files = Table(
    "record_files", metadata,
    Column("record_id", String(64), primary_key=True),
    Column("file_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_record_files_file", "file_id"),
)

loans = Table(
    "loans", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("borrower_id", String(64), nullable=False),
    Column("borrower_department_id", String(64)),
    Column("purpose", Text, nullable=False),
    Column("borrowed_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime),
    Column("comment", Text, nullable=False, server_default=""),
    Column("returned_on", Date),
    Column("recorded_by", String(64)),
    Column("overdue_reminded", Boolean, nullable=False, server_default=false()),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
    Index("ix_loans_unit_status", "unit_code", "status"),
    Index("ix_loans_status_due", "status", "due_on"),
    Index("ix_loans_record", "record_id"),
)

destructions = Table(
    "destructions", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("content", JsonType, nullable=False),                 # DestructionContent, as last revised
    Column("status", String(16), nullable=False),
    Column("proposed_by", String(64), nullable=False),
    Column("proposed_at", UtcDateTime, nullable=False),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("approved_by", String(64)),
    Column("approved_at", UtcDateTime),
    Column("executed_at", UtcDateTime),
    Column("files_deleted", Integer, nullable=False, server_default="0"),
    Column("minutes_file_id", String(64)),
    Index("ix_destructions_unit", "unit_code", "proposed_at"),
)

# -- Search --------------------------------------------------------------------------------------------
# One row per document and per record of a unit: what the search box matches (``text``: number, title and
# the text of the files, prepared by search.prepare) and what a hit shows. The database indexes ``text``
# with its own full-text search, created by the migration (search/ddl.py): on PostgreSQL a trigger fills
# ``search_vector`` (to_tsvector of unaccent) behind a GIN index, and ``title_vector`` (of ``heading``: the
# number and title only, small) which orders the hits; on SQLite both stay NULL and an FTS5 table kept by
# triggers indexes ``text``. SQLite gets the index below as a plain one too (Alembic cannot leave an index
# to one dialect): it costs nothing on a NULL column.
search_entries = Table(
    "search_entries", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),   # SQLite's FTS5 rows point at this rowid
    Column("kind", String(16), nullable=False),                  # document | record
    Column("ref_id", String(64), nullable=False),
    Column("unit_code", String(20), nullable=False),
    Column("number", String(60), nullable=False),
    Column("title", String(300), nullable=False),
    Column("state_label", String(60), nullable=False),
    Column("text", Text, nullable=False),
    Column("heading", Text, nullable=False, server_default=""),  # number and title, prepared: orders the hits
    Column("search_vector", TSVECTOR().with_variant(Text(), "sqlite")),
    Column("title_vector", TSVECTOR().with_variant(Text(), "sqlite")),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("kind", "ref_id", name="uq_search_entries_ref"),
    Index("ix_search_entries_fts", "unit_code", "search_vector", postgresql_using="gin"),
)
