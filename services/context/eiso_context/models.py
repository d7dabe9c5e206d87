"""Tables of the context service: units, departments, people, their roles, their sessions, context analyses."""
from pathlib import Path

from sqlalchemy import (Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, text)

from eiso_kit.db import JsonType, UtcDateTime, plumbing_tables
from eiso_kit.dossiers import dossier_tables
from eiso_kit.idempotency import requests_table

metadata = MetaData()
plumbing = plumbing_tables(metadata)
dossier_progress = dossier_tables(metadata)   # the order in which its analyses' dossier facts are applied
requests = requests_table(metadata)           # idempotency keys of submissions
MIGRATIONS = Path(__file__).parent / "migrations"

units = Table(
    "units", metadata,
    Column("code", String(20), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

departments = Table(
    "departments", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), ForeignKey("units.code", name="fk_departments_unit"), nullable=False),
    Column("code", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("sort_order", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("unit_code", "code", name="uq_departments_unit_code"),
)

people = Table(
    "people", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), ForeignKey("units.code", name="fk_people_unit"), nullable=False),
    Column("department_id", String(64), ForeignKey("departments.id", name="fk_people_department")),
    Column("username", String(64), nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("title", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("password_changed_at", UtcDateTime, nullable=False),
    # Goes up with every change of the person's credentials (password, activation): sessions and
    # tokens issued under a lower number end (PersonView.credentials_version).
    Column("credentials_version", Integer, nullable=False, server_default="0"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("username", name="uq_people_username"),
    Index("ix_people_unit_code", "unit_code"),
    Index("ix_people_department_id", "department_id"),
)

person_roles = Table(
    "person_roles", metadata,
    Column("person_id", String(64), ForeignKey("people.id", name="fk_person_roles_person"), primary_key=True),
    Column("role", String(20), primary_key=True),
    Index("ix_person_roles_role", "role"),
)

# Open sessions (a signed-in browser or an API token), by the SHA-256 of their secret: a copy of this
# table opens no session. Bounded: at most a few per person (domain/sessions.py), expired ones deleted.
sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("person_id", String(64), ForeignKey("people.id", name="fk_sessions_person"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Index("ix_sessions_person_id", "person_id"),
    Index("ix_sessions_expires_at", "expires_at"),
)

HOLDS_THE_YEAR = text("status <> 'rejected'")
APPLIED = text("status = 'applied'")

# Bối cảnh tổ chức (ISO 4.1-4.4): one analysis per unit and year (a refused one gives the year back), at most
# one applied per unit (the home page shows it).
context_analyses = Table(
    "context_analyses", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("content", JsonType, nullable=False),
    Column("status", String(16), nullable=False),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime),
    Column("decision_comment", Text, nullable=False, server_default=""),
    Column("applied_by", String(64)),
    Column("applied_at", UtcDateTime),
    Index("ix_context_analyses_unit_year", "unit_code", "year"),
    Index("uq_context_analyses_dossier_code", "dossier_code", unique=True),
    Index("uq_context_analyses_unit_year_held", "unit_code", "year", unique=True,
          postgresql_where=HOLDS_THE_YEAR, sqlite_where=HOLDS_THE_YEAR),
    Index("uq_context_analyses_unit_applied", "unit_code", unique=True,
          postgresql_where=APPLIED, sqlite_where=APPLIED),
)
