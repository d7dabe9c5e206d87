"""Tables of the audit service (only the plumbing tables so far)."""
from pathlib import Path

from sqlalchemy import MetaData

from eiso_kit.db import plumbing_tables

metadata = MetaData()
plumbing = plumbing_tables(metadata)
MIGRATIONS = Path(__file__).parent / "migrations"
