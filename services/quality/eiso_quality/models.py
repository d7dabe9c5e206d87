"""Tables of the quality service (quality policy slice) beside the plumbing tables."""
from pathlib import Path

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text, text

from eiso_kit.db import JsonType, UtcDateTime, plumbing_tables
from eiso_kit.dossiers import dossier_tables
from eiso_kit.idempotency import requests_table

metadata = MetaData()
plumbing = plumbing_tables(metadata)
dossier_progress = dossier_tables(metadata)   # the order in which its dossiers' facts are applied
requests = requests_table(metadata)           # idempotency keys of submissions
MIGRATIONS = Path(__file__).parent / "migrations"

IN_FORCE = text("status = 'issued'")

policies = Table(
    "policies", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("status", String(16), nullable=False),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("approved_by", String(64)),
    Column("issued_by", String(64)),
    Column("issued_at", UtcDateTime),
    Index("ix_policies_unit_submitted", "unit_code", "submitted_at"),
    Index("uq_policies_dossier_code", "dossier_code", unique=True),
    # One policy in force per unit.
    Index("uq_policies_unit_in_force", "unit_code", unique=True,
          postgresql_where=IN_FORCE, sqlite_where=IN_FORCE),
)

# The text lives here, one row per revision; the newest is the policy's content.
policy_revisions = Table(
    "policy_revisions", metadata,
    Column("policy_id", String(64), ForeignKey("policies.id", name="fk_policy_revisions_policy"),
           primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("content", JsonType, nullable=False),
    Column("revised_by", String(64), nullable=False),
    Column("revised_at", UtcDateTime, nullable=False),
    Column("dossier_step", Integer),
)

# -- nonconformities and corrective actions (ISO 10.2) ----------------------------------------------
nonconformities = Table(
    "nonconformities", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("source", String(16), nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("clause", String(40), nullable=False, server_default=""),
    Column("description", Text, nullable=False),
    Column("evidence", Text, nullable=False, server_default=""),
    Column("attachments", JsonType, nullable=False),
    Column("audit_plan_id", String(64)),
    Column("finding_id", String(64)),
    Column("raised_by", String(64), nullable=False),
    Column("raised_at", UtcDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("action", JsonType),                     # CorrectiveActionContent as the dossier last carried it
    Column("approved_by", String(64)),
    Column("verified_by", String(64)),
    Column("closed_at", UtcDateTime),
    Column("reopened", Integer, nullable=False, server_default="0"),
    Column("overdue_flagged_for", Date),            # the due date an overdue event was published for
    Index("ix_nonconformities_unit_raised", "unit_code", "raised_at"),
    Index("uq_nonconformities_finding", "finding_id", unique=True),   # one per audit finding
)

# -- continuous improvement (ISO 10.3) ---------------------------------------------------------------
improvements = Table(
    "improvements", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    Column("current_situation", Text, nullable=False),
    Column("proposal", Text, nullable=False),
    Column("expected_benefit", Text, nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("proposed_by", String(64), nullable=False),
    Column("proposed_at", UtcDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime),
    Column("refusal_reason", Text, nullable=False, server_default=""),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("content", JsonType),                    # ImprovementContent as the dossier last carried it
    Column("completed_at", UtcDateTime),
    Index("ix_improvements_unit_proposed", "unit_code", "proposed_at"),
)
