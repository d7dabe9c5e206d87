"""people.credentials_version: goes up with every change of a person's credentials (existing people: 0)

Revision ID: 2d65b21b1500
Revises: f7185750390b
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = '2d65b21b1500'
down_revision = 'f7185750390b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credentials_version', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('credentials_version')
