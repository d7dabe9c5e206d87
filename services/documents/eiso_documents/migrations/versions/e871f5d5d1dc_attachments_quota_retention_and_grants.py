"""attachments, quota, retention and grants: which dossier lists a file, the key that signs grants

Files stored before this revision keep ``unattached_since`` NULL: which dossiers list them is not known
here, so the retention never removes them.

Revision ID: e871f5d5d1dc
Revises: 185f9dcad04e
Create Date: 2026-11-26
"""
import secrets

import sqlalchemy as sa
from alembic import op

import eiso_kit.db.types


revision = 'e871f5d5d1dc'
down_revision = '185f9dcad04e'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dossier_versions',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('grant_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    grant_keys = sa.table('grant_keys', sa.column('id', sa.Integer), sa.column('secret', sa.String))
    op.bulk_insert(grant_keys, [{'id': 1, 'secret': secrets.token_urlsafe(48)}])
    with op.batch_alter_table('files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attached_to', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('attached_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('draft_of', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('unattached_since', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_files_draft_of', ['draft_of'], unique=False)
        batch_op.create_index('ix_files_unattached', ['state', 'attached_to', 'unattached_since'], unique=False)
        batch_op.create_index('ix_files_uploader_day', ['uploaded_by', 'uploaded_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('files', schema=None) as batch_op:
        batch_op.drop_index('ix_files_uploader_day')
        batch_op.drop_index('ix_files_unattached')
        batch_op.drop_index('ix_files_draft_of')
        batch_op.drop_column('unattached_since')
        batch_op.drop_column('draft_of')
        batch_op.drop_column('attached_at')
        batch_op.drop_column('attached_to')

    op.drop_table('grant_keys')
    op.drop_table('dossier_versions')
