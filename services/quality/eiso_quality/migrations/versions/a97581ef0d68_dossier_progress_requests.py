"""dossier progress, requests

Revision ID: a97581ef0d68
Revises: 04a86a8b6cba
Create Date: 2026-11-26

The kit's dossier progress (facts applied in the workflow's order) and idempotency keys per person.
Every policy that already follows a dossier starts with the version it applied (see Progress.is_next
for a final approval applied before this revision).
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = 'a97581ef0d68'
down_revision = '04a86a8b6cba'
branch_labels = None
depends_on = None


def upgrade() -> None:
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
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('uq_policies_unit_request'))
        batch_op.drop_column('request_id')

    op.execute(sa.text(
        "INSERT INTO eiso_dossier_progress (dossier_code, artefact_kind, artefact_id, applied_version, "
        "awaiting_completion, completed, updated_at) "
        "SELECT dossier_code, 'policy', id, dossier_version, 1 = 0, status IN ('issued', 'superseded'), "
        "submitted_at FROM policies WHERE dossier_code IS NOT NULL"))


def downgrade() -> None:
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.VARCHAR(length=100), nullable=True))
        batch_op.create_index(batch_op.f('uq_policies_unit_request'), ['unit_code', 'request_id'], unique=1)

    op.drop_table('eiso_requests')
    op.drop_table('eiso_dossier_progress')
    with op.batch_alter_table('eiso_dossier_facts', schema=None) as batch_op:
        batch_op.drop_index('ix_eiso_dossier_facts_pending')

    op.drop_table('eiso_dossier_facts')
