"""Tables of the documents service: file metadata (the bytes are in object storage) + the plumbing tables."""
from pathlib import Path

from sqlalchemy import BigInteger, Column, Index, MetaData, String, Table

from eiso_kit.db import UtcDateTime, plumbing_tables

metadata = MetaData()
plumbing = plumbing_tables(metadata)
MIGRATIONS = Path(__file__).parent / "migrations"

STORED = "stored"  # the bytes are safely in storage and the row committed (the only state so far)

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
    Index("ix_files_unit_uploaded", "unit_code", "uploaded_at"),
)
