"""sessions replace login_attempts: sessions end on the server; failed logins are throttled by the gateway

Revision ID: c6e50fd15d2b
Revises: 2d65b21b1500
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

import eiso_kit.db.types


revision = 'c6e50fd15d2b'
down_revision = '2d65b21b1500'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('created_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name='fk_sessions_person'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sessions_expires_at', ['expires_at'], unique=False)
        batch_op.create_index('ix_sessions_person_id', ['person_id'], unique=False)

    op.drop_table('login_attempts')


def downgrade() -> None:
    op.create_table('login_attempts',
    sa.Column('username', sa.VARCHAR(length=64), nullable=False),
    sa.Column('failures', sa.INTEGER(), nullable=False),
    sa.Column('last_failure_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username')
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_person_id')
        batch_op.drop_index('ix_sessions_expires_at')

    op.drop_table('sessions')
