"""quality objectives and measurement per department

Revision ID: 6cf448b6ca52
Revises: 6a1c9e0f365c
Create Date: 2026-11-26

Mục tiêu chất lượng hàng năm (manual section 3): versions of the objectives (one in force per unit), what each
department took from them (own target, period) and the measured results (percentages in hundredths).
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = '6cf448b6ca52'
down_revision = '6a1c9e0f365c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quality_objectives',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('revision', sa.Integer(), server_default='1', nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('recorded_by', sa.String(length=64), nullable=True),
    sa.Column('recorded_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quality_objectives', schema=None) as batch_op:
        batch_op.create_index('ix_quality_objectives_unit_year', ['unit_code', 'year', 'submitted_at'], unique=False)
        batch_op.create_index('uq_quality_objectives_dossier_code', ['dossier_code'], unique=True)
        batch_op.create_index('uq_quality_objectives_unit_in_force', ['unit_code'], unique=True, postgresql_where=sa.text("status = 'in_force'"), sqlite_where=sa.text("status = 'in_force'"))

    op.create_table('department_objectives',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('objectives_id', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('objective_no', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('unit_target_hundredths', sa.Integer(), nullable=False),
    sa.Column('target_hundredths', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('set_by', sa.String(length=64), nullable=False),
    sa.Column('set_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['objectives_id'], ['quality_objectives.id'], name='fk_department_objectives_version'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('department_objectives', schema=None) as batch_op:
        batch_op.create_index('ix_department_objectives_unit_year', ['unit_code', 'year'], unique=False)
        batch_op.create_index('uq_department_objectives_taken', ['department_id', 'objectives_id', 'objective_no'], unique=True)

    op.create_table('measurements',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('department_objective_id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('period_key', sa.String(length=7), nullable=False),
    sa.Column('measured_hundredths', sa.Integer(), nullable=False),
    sa.Column('cause', sa.Text(), server_default='', nullable=False),
    sa.Column('corrective_action', sa.Text(), server_default='', nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_objective_id'], ['department_objectives.id'], name='fk_measurements_department_objective'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.create_index('uq_measurements_period', ['department_objective_id', 'period_key'], unique=True)



def downgrade() -> None:
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.drop_index('uq_measurements_period')

    op.drop_table('measurements')
    with op.batch_alter_table('department_objectives', schema=None) as batch_op:
        batch_op.drop_index('uq_department_objectives_taken')
        batch_op.drop_index('ix_department_objectives_unit_year')

    op.drop_table('department_objectives')
    with op.batch_alter_table('quality_objectives', schema=None) as batch_op:
        batch_op.drop_index('uq_quality_objectives_unit_in_force', postgresql_where=sa.text("status = 'in_force'"), sqlite_where=sa.text("status = 'in_force'"))
        batch_op.drop_index('uq_quality_objectives_dossier_code')
        batch_op.drop_index('ix_quality_objectives_unit_year')

    op.drop_table('quality_objectives')
