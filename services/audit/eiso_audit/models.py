"""Tables of the audit service beside the plumbing tables: programmes, plans (+ checklist), findings, reports."""
from pathlib import Path

from sqlalchemy import (Column, Date, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
                        UniqueConstraint)

from eiso_kit.db import JsonType, UtcDateTime, plumbing_tables
from eiso_kit.idempotency import requests_table

metadata = MetaData()
plumbing = plumbing_tables(metadata)
requests = requests_table(metadata)           # idempotency keys of plans and findings
MIGRATIONS = Path(__file__).parent / "migrations"

# One programme per unit and year; its grid lives in revisions (the approved one stays until the next is).
programmes = Table(
    "audit_programmes", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    UniqueConstraint("unit_code", "year", name="uq_audit_programmes_unit_year"),
)

programme_revisions = Table(
    "audit_programme_revisions", metadata,
    Column("programme_id", String(64), ForeignKey("audit_programmes.id", name="fk_programme_revisions_programme"),
           primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("status", String(16), nullable=False),
    Column("entries", JsonType, nullable=False),      # [[month, department_id], ...]
    Column("note", Text, nullable=False, server_default=""),
    Column("drafted_by", String(64), nullable=False),
    Column("drafted_at", UtcDateTime, nullable=False),
    Column("approved_by", String(64)),
    Column("approved_at", UtcDateTime),
)

plans = Table(
    "audit_plans", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("audit_date", Date, nullable=False),
    Column("department_ids", JsonType, nullable=False),
    Column("scope", Text, nullable=False),
    Column("criteria", Text, nullable=False),
    Column("lead_auditor_id", String(64), nullable=False),
    Column("team_ids", JsonType, nullable=False),
    Column("status", String(16), nullable=False),
    Column("planned_by", String(64), nullable=False),
    Column("planned_at", UtcDateTime, nullable=False),
    Column("checklist", JsonType, nullable=False),    # the questions and their answers, in order
    Index("ix_audit_plans_unit_date", "unit_code", "audit_date"),
)

findings = Table(
    "audit_findings", metadata,
    Column("id", String(64), primary_key=True),
    Column("plan_id", String(64), ForeignKey("audit_plans.id", name="fk_audit_findings_plan"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("clause", String(40), nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("description", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("attachments", JsonType, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    UniqueConstraint("plan_id", "number", name="uq_audit_findings_plan_number"),
)

# The report kept with the audit: the Word document as issued (a record: never rewritten).
reports = Table(
    "audit_reports", metadata,
    Column("plan_id", String(64), ForeignKey("audit_plans.id", name="fk_audit_reports_plan"), primary_key=True),
    Column("file_name", String(200), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("conclusion", Text, nullable=False),
    Column("issued_by", String(64), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
)
