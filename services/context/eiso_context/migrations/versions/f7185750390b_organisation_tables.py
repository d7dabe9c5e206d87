"""organisation tables: units, departments, people, person_roles, login_attempts (+ plumbing)

Revision ID: f7185750390b
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

import eiso_kit.db.types
from eiso_kit.db.plumbing_migration import create_plumbing_tables, drop_plumbing_tables

revision = 'f7185750390b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_plumbing_tables()
    op.create_table('login_attempts',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('units',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('departments',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['units.code'], name='fk_departments_unit'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('unit_code', 'code', name='uq_departments_unit_code')
    )
    op.create_table('people',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_changed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name='fk_people_department'),
    sa.ForeignKeyConstraint(['unit_code'], ['units.code'], name='fk_people_unit'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username', name='uq_people_username')
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index('ix_people_department_id', ['department_id'], unique=False)
        batch_op.create_index('ix_people_unit_code', ['unit_code'], unique=False)
    op.create_table('person_roles',
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name='fk_person_roles_person'),
    sa.PrimaryKeyConstraint('person_id', 'role')
    )
    with op.batch_alter_table('person_roles', schema=None) as batch_op:
        batch_op.create_index('ix_person_roles_role', ['role'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('person_roles', schema=None) as batch_op:
        batch_op.drop_index('ix_person_roles_role')

    op.drop_table('person_roles')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_unit_code')
        batch_op.drop_index('ix_people_department_id')

    op.drop_table('people')
    op.drop_table('departments')
    op.drop_table('units')
    op.drop_table('login_attempts')
    drop_plumbing_tables()
