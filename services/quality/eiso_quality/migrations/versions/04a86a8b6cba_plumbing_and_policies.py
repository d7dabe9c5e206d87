"""plumbing tables and quality policies

Revision ID: 04a86a8b6cba
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import eiso_kit.db.types
from eiso_kit.db.plumbing_migration import create_plumbing_tables, drop_plumbing_tables

revision = "04a86a8b6cba"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_plumbing_tables()
    op.create_table('policies',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('request_id', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('issued_by', sa.String(length=64), nullable=True),
    sa.Column('issued_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.create_index('ix_policies_unit_submitted', ['unit_code', 'submitted_at'], unique=False)
        batch_op.create_index('uq_policies_dossier_code', ['dossier_code'], unique=True)
        batch_op.create_index('uq_policies_unit_in_force', ['unit_code'], unique=True, postgresql_where=sa.text("status = 'issued'"), sqlite_where=sa.text("status = 'issued'"))
        batch_op.create_index('uq_policies_unit_request', ['unit_code', 'request_id'], unique=True)

    op.create_table('policy_revisions',
    sa.Column('policy_id', sa.String(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('revised_by', sa.String(length=64), nullable=False),
    sa.Column('revised_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('dossier_step', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name='fk_policy_revisions_policy'),
    sa.PrimaryKeyConstraint('policy_id', 'revision')
    )


def downgrade() -> None:
    op.drop_table('policy_revisions')
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_index('uq_policies_unit_request')
        batch_op.drop_index('uq_policies_unit_in_force', postgresql_where=sa.text("status = 'issued'"), sqlite_where=sa.text("status = 'issued'"))
        batch_op.drop_index('uq_policies_dossier_code')
        batch_op.drop_index('ix_policies_unit_submitted')

    op.drop_table('policies')
    drop_plumbing_tables()
