"""nonconformities and improvements

Revision ID: 6a1c9e0f365c
Revises: a97581ef0d68
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = '6a1c9e0f365c'
down_revision = 'a97581ef0d68'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('improvements',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('current_situation', sa.Text(), nullable=False),
    sa.Column('proposal', sa.Text(), nullable=False),
    sa.Column('expected_benefit', sa.Text(), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('refusal_reason', sa.Text(), server_default='', nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('completed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('improvements', schema=None) as batch_op:
        batch_op.create_index('ix_improvements_unit_proposed', ['unit_code', 'proposed_at'], unique=False)

    op.create_table('nonconformities',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('clause', sa.String(length=40), server_default='', nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), server_default='', nullable=False),
    sa.Column('attachments', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('audit_plan_id', sa.String(length=64), nullable=True),
    sa.Column('finding_id', sa.String(length=64), nullable=True),
    sa.Column('raised_by', sa.String(length=64), nullable=False),
    sa.Column('raised_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('action', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('verified_by', sa.String(length=64), nullable=True),
    sa.Column('closed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('reopened', sa.Integer(), server_default='0', nullable=False),
    sa.Column('overdue_flagged_for', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('nonconformities', schema=None) as batch_op:
        batch_op.create_index('ix_nonconformities_unit_raised', ['unit_code', 'raised_at'], unique=False)
        batch_op.create_index('uq_nonconformities_finding', ['finding_id'], unique=True)



def downgrade() -> None:
    with op.batch_alter_table('nonconformities', schema=None) as batch_op:
        batch_op.drop_index('uq_nonconformities_finding')
        batch_op.drop_index('ix_nonconformities_unit_raised')

    op.drop_table('nonconformities')
    with op.batch_alter_table('improvements', schema=None) as batch_op:
        batch_op.drop_index('ix_improvements_unit_proposed')

    op.drop_table('improvements')
