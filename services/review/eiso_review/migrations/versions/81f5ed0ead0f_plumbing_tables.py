"""plumbing tables

Revision ID: 81f5ed0ead0f
Revises:
Create Date: 2026-11-25
"""
from eiso_kit.db.plumbing_migration import create_plumbing_tables, drop_plumbing_tables

revision = "81f5ed0ead0f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_plumbing_tables()


def downgrade() -> None:
    drop_plumbing_tables()
