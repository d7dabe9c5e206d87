"""programmes plans findings reports

Revision ID: a19e49cba854
Revises: 81f5ed0ead0f
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = 'a19e49cba854'
down_revision = '81f5ed0ead0f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_plans',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('audit_date', sa.Date(), nullable=False),
    sa.Column('department_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('criteria', sa.Text(), nullable=False),
    sa.Column('lead_auditor_id', sa.String(length=64), nullable=False),
    sa.Column('team_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('planned_by', sa.String(length=64), nullable=False),
    sa.Column('planned_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('checklist', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_plans', schema=None) as batch_op:
        batch_op.create_index('ix_audit_plans_unit_date', ['unit_code', 'audit_date'], unique=False)

    op.create_table('audit_programmes',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('unit_code', 'year', name='uq_audit_programmes_unit_year')
    )
    op.create_table('eiso_requests',
    sa.Column('actor_id', sa.String(length=64), nullable=False),
    sa.Column('command', sa.String(length=60), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('actor_id', 'command', 'key')
    )
    op.create_table('audit_findings',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('plan_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('clause', sa.String(length=40), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('attachments', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['audit_plans.id'], name='fk_audit_findings_plan'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'number', name='uq_audit_findings_plan_number')
    )
    op.create_table('audit_programme_revisions',
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('entries', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('drafted_by', sa.String(length=64), nullable=False),
    sa.Column('drafted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('approved_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['audit_programmes.id'], name='fk_programme_revisions_programme'),
    sa.PrimaryKeyConstraint('programme_id', 'revision')
    )
    op.create_table('audit_reports',
    sa.Column('plan_id', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('issued_by', sa.String(length=64), nullable=False),
    sa.Column('issued_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['audit_plans.id'], name='fk_audit_reports_plan'),
    sa.PrimaryKeyConstraint('plan_id')
    )


def downgrade() -> None:
    op.drop_table('audit_reports')
    op.drop_table('audit_programme_revisions')
    op.drop_table('audit_findings')
    op.drop_table('eiso_requests')
    op.drop_table('audit_programmes')
    with op.batch_alter_table('audit_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_plans_unit_date')

    op.drop_table('audit_plans')
