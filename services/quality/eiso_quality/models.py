"""Tables of the quality service (quality policy, quality objectives and their measurement) beside the plumbing tables."""
from pathlib import Path

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text, text

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

# -- Mục tiêu chất lượng hàng năm (ISO 6.2), manual section 3 ---------------------------------------------------
OBJECTIVES_IN_FORCE = text("status = 'in_force'")

# One row per version of the objectives (its dossier type 3); "Phiên bản N" is its place among the unit's versions
# of its year in submission order. The content (policy, objectives with their targets) is the newest edit.
quality_objectives = Table(
    "quality_objectives", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("content", JsonType, nullable=False),
    Column("status", String(16), nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("approved_by", String(64)),
    Column("recorded_by", String(64)),
    Column("recorded_at", UtcDateTime),
    Index("ix_quality_objectives_unit_year", "unit_code", "year", "submitted_at"),
    Index("uq_quality_objectives_dossier_code", "dossier_code", unique=True),
    Index("uq_quality_objectives_unit_in_force", "unit_code", unique=True,
          postgresql_where=OBJECTIVES_IN_FORCE, sqlite_where=OBJECTIVES_IN_FORCE),
)

# What a department took from a version of the unit's objectives: its own target and its period.
# Percentages are kept as hundredths (98.50 % -> 9850): exact on SQLite and PostgreSQL alike.
department_objectives = Table(
    "department_objectives", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("objectives_id", String(64), ForeignKey("quality_objectives.id", name="fk_department_objectives_version"),
           nullable=False),
    Column("year", Integer, nullable=False),
    Column("objective_no", Integer, nullable=False),
    Column("name", String(500), nullable=False),
    Column("unit_target_hundredths", Integer, nullable=False),
    Column("target_hundredths", Integer, nullable=False),
    Column("period", String(8), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("set_by", String(64), nullable=False),
    Column("set_at", UtcDateTime, nullable=False),
    Index("uq_department_objectives_taken", "department_id", "objectives_id", "objective_no", unique=True),
    Index("ix_department_objectives_unit_year", "unit_code", "year"),
)

# The measured % of a department objective for one period ("2026-03", "2026-Q1", "2026"); a correction of the
# same period replaces it (revision + 1; every revision is an event and an audit entry).
measurements = Table(
    "measurements", metadata,
    Column("id", String(64), primary_key=True),
    Column("department_objective_id", String(64),
           ForeignKey("department_objectives.id", name="fk_measurements_department_objective"), nullable=False),
    Column("unit_code", String(20), nullable=False),
    Column("department_id", String(64), nullable=False),
    Column("period_key", String(7), nullable=False),
    Column("measured_hundredths", Integer, nullable=False),
    Column("cause", Text, nullable=False, server_default=""),
    Column("corrective_action", Text, nullable=False, server_default=""),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("revision", Integer, nullable=False),
    Index("uq_measurements_period", "department_objective_id", "period_key", unique=True),
)
