"""plumbing and dossier tables: dossiers, step visits, history, participants, counters

Revision ID: d8b834a8a489
Revises:
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

from eiso_kit.db.plumbing_migration import create_plumbing_tables, drop_plumbing_tables

revision = 'd8b834a8a489'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_plumbing_tables()
    op.create_table('wf_counters',
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('type_code', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('unit_code', 'type_code', 'year')
    )
    op.create_table('wf_dossiers',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('type_code', sa.String(length=10), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('definition', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('artefact_service', sa.String(length=40), nullable=False),
    sa.Column('artefact_kind', sa.String(length=40), nullable=False),
    sa.Column('artefact_id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('opened_by', sa.String(length=64), nullable=False),
    sa.Column('opened_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_activity_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('current_seq', sa.Integer(), nullable=True),
    sa.Column('current_step', sa.Integer(), nullable=True),
    sa.Column('current_handler_id', sa.String(length=64), nullable=True),
    sa.Column('current_department_id', sa.String(length=64), nullable=True),
    sa.Column('current_deadline', sa.Date(), nullable=True),
    sa.Column('draft', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code', name='uq_wf_dossiers_code'),
    sa.UniqueConstraint('unit_code', 'type_code', 'year', 'number', name='uq_wf_dossiers_number')
    )
    with op.batch_alter_table('wf_dossiers', schema=None) as batch_op:
        batch_op.create_index('ix_wf_dossiers_artefact', ['artefact_service', 'artefact_kind', 'artefact_id'], unique=False)
        batch_op.create_index('ix_wf_dossiers_deadline', ['status', 'current_deadline'], unique=False)
        batch_op.create_index('ix_wf_dossiers_handler', ['current_handler_id', 'status'], unique=False)
        batch_op.create_index('ix_wf_dossiers_unit_status_activity', ['unit_code', 'status', 'last_activity_at'], unique=False)

    op.create_table('wf_history',
    sa.Column('dossier_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.String(length=64), nullable=False),
    sa.Column('step_number', sa.Integer(), nullable=False),
    sa.Column('step_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('comment', sa.Text(), server_default='', nullable=False),
    sa.Column('attachments', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('next', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['wf_dossiers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dossier_id', 'seq')
    )
    op.create_table('wf_participants',
    sa.Column('dossier_id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['wf_dossiers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dossier_id', 'person_id', 'kind')
    )
    with op.batch_alter_table('wf_participants', schema=None) as batch_op:
        batch_op.create_index('ix_wf_participants_person', ['person_id', 'kind'], unique=False)

    op.create_table('wf_steps',
    sa.Column('dossier_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('handler_id', sa.String(length=64), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('entered_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('done_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=True),
    sa.Column('comment', sa.Text(), server_default='', nullable=False),
    sa.Column('attachments', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('actor_id', sa.String(length=64), nullable=True),
    sa.Column('overdue_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['wf_dossiers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dossier_id', 'seq')
    )


def downgrade() -> None:
    op.drop_table('wf_steps')
    with op.batch_alter_table('wf_participants', schema=None) as batch_op:
        batch_op.drop_index('ix_wf_participants_person')

    op.drop_table('wf_participants')
    op.drop_table('wf_history')
    with op.batch_alter_table('wf_dossiers', schema=None) as batch_op:
        batch_op.drop_index('ix_wf_dossiers_unit_status_activity')
        batch_op.drop_index('ix_wf_dossiers_handler')
        batch_op.drop_index('ix_wf_dossiers_deadline')
        batch_op.drop_index('ix_wf_dossiers_artefact')

    op.drop_table('wf_dossiers')
    op.drop_table('wf_counters')
    drop_plumbing_tables()
