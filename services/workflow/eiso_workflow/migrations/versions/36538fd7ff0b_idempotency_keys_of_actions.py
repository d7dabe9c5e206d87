"""idempotency keys of actions

Revision ID: 36538fd7ff0b
Revises: d8b834a8a489
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = '36538fd7ff0b'
down_revision = 'd8b834a8a489'
branch_labels = None
depends_on = None


def upgrade() -> None:
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
