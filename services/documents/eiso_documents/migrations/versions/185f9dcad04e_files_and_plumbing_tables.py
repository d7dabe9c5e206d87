"""files and plumbing tables

Revision ID: 185f9dcad04e
Revises:
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from eiso_kit.db.plumbing_migration import create_plumbing_tables, drop_plumbing_tables

revision = '185f9dcad04e'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_plumbing_tables()
    op.create_table('files',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('storage_key', sa.String(length=300), nullable=False),
    sa.Column('state', sa.String(length=16), server_default='stored', nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('storage_key')
    )
    with op.batch_alter_table('files', schema=None) as batch_op:
        batch_op.create_index('ix_files_unit_uploaded', ['unit_code', 'uploaded_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('files', schema=None) as batch_op:
        batch_op.drop_index('ix_files_unit_uploaded')

    op.drop_table('files')
    drop_plumbing_tables()
