"""context analyses: one per unit and year, one applied, their dossiers

Revision ID: 04ad5e0c66b2
Revises: c6e50fd15d2b
Create Date: 2026-11-26

Bối cảnh tổ chức (manual section 1): the analyses (at most one per unit and year that is not refused, at most
one applied per unit), the kit's dossier progress (facts applied in the workflow's order) and idempotency keys.
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = '04ad5e0c66b2'
down_revision = 'c6e50fd15d2b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('context_analyses',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('decision_comment', sa.Text(), server_default='', nullable=False),
    sa.Column('applied_by', sa.String(length=64), nullable=True),
    sa.Column('applied_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('context_analyses', schema=None) as batch_op:
        batch_op.create_index('ix_context_analyses_unit_year', ['unit_code', 'year'], unique=False)
        batch_op.create_index('uq_context_analyses_dossier_code', ['dossier_code'], unique=True)
        batch_op.create_index('uq_context_analyses_unit_applied', ['unit_code'], unique=True, postgresql_where=sa.text("status = 'applied'"), sqlite_where=sa.text("status = 'applied'"))
        batch_op.create_index('uq_context_analyses_unit_year_held', ['unit_code', 'year'], unique=True, postgresql_where=sa.text("status <> 'rejected'"), sqlite_where=sa.text("status <> 'rejected'"))

    op.create_table('eiso_dossier_facts',
    sa.Column('dossier_code', sa.String(length=40), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('fact', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('received_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('applied_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('dossier_code', 'event_id')
    )
    with op.batch_alter_table('eiso_dossier_facts', schema=None) as batch_op:
        batch_op.create_index('ix_eiso_dossier_facts_pending', ['dossier_code', 'applied_at', 'version', 'rank'], unique=False)

    op.create_table('eiso_dossier_progress',
    sa.Column('dossier_code', sa.String(length=40), nullable=False),
    sa.Column('artefact_kind', sa.String(length=40), nullable=False),
    sa.Column('artefact_id', sa.String(length=64), nullable=False),
    sa.Column('applied_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('awaiting_completion', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('completed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('updated_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('waiting_since', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('dossier_code')
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


def downgrade() -> None:
    op.drop_table('eiso_requests')
    op.drop_table('eiso_dossier_progress')
    with op.batch_alter_table('eiso_dossier_facts', schema=None) as batch_op:
        batch_op.drop_index('ix_eiso_dossier_facts_pending')

    op.drop_table('eiso_dossier_facts')
    with op.batch_alter_table('context_analyses', schema=None) as batch_op:
        batch_op.drop_index('uq_context_analyses_unit_year_held', postgresql_where=sa.text("status <> 'rejected'"), sqlite_where=sa.text("status <> 'rejected'"))
        batch_op.drop_index('uq_context_analyses_unit_applied', postgresql_where=sa.text("status = 'applied'"), sqlite_where=sa.text("status = 'applied'"))
        batch_op.drop_index('uq_context_analyses_dossier_code')
        batch_op.drop_index('ix_context_analyses_unit_year')

    op.drop_table('context_analyses')
