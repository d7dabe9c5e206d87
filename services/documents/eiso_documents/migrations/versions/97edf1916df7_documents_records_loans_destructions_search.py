"""controlled documents, records, loans, destructions, the search entries and the database's full-text index

Also: the dossier progress tables and the idempotency keys of the service's own submissions, the text of
checked uploads, and two columns of ``files`` (what the bytes are; when a destroyed file's bytes were
deleted). The full-text index itself is dialect-specific DDL (``eiso_documents.search.ddl``).

Revision ID: 97edf1916df7
Revises: e871f5d5d1dc
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa
import eiso_kit.db.types
from eiso_documents.search import ddl
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB as JSONB(astext_type=Text()))
from sqlalchemy.dialects import postgresql

revision = '97edf1916df7'
down_revision = 'e871f5d5d1dc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('destructions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('approved_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('executed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('files_deleted', sa.Integer(), server_default='0', nullable=False),
    sa.Column('minutes_file_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('destructions', schema=None) as batch_op:
        batch_op.create_index('ix_destructions_unit', ['unit_code', 'proposed_at'], unique=False)

    op.create_table('document_acknowledgements',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=True),
    sa.Column('at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('document_id', 'version', 'person_id')
    )
    op.create_table('document_version_files',
    sa.Column('version_id', sa.String(length=64), nullable=False),
    sa.Column('file_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('version_id', 'file_id')
    )
    with op.batch_alter_table('document_version_files', schema=None) as batch_op:
        batch_op.create_index('ix_document_version_files_file', ['file_id'], unique=False)

    op.create_table('document_versions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('approved_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'number', name='uq_document_versions_number')
    )
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.create_index('ix_document_versions_status', ['status'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('internal_number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('doc_type', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('latest_version', sa.Integer(), nullable=False),
    sa.Column('in_force_version', sa.Integer(), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('review_reminded_for', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('unit_code', 'internal_number', name='uq_documents_unit_number')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_review', ['review_date'], unique=False)
        batch_op.create_index('ix_documents_unit_department', ['unit_code', 'department_id'], unique=False)
        batch_op.create_index('ix_documents_unit_type', ['unit_code', 'doc_type'], unique=False)

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
    op.create_table('file_texts',
    sa.Column('file_id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('extracted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('file_id')
    )
    op.create_table('loans',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('borrower_id', sa.String(length=64), nullable=False),
    sa.Column('borrower_department_id', sa.String(length=64), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('borrowed_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), server_default='', nullable=False),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.String(length=64), nullable=True),
    sa.Column('overdue_reminded', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('requested_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.create_index('ix_loans_record', ['record_id'], unique=False)
        batch_op.create_index('ix_loans_status_due', ['status', 'due_on'], unique=False)
        batch_op.create_index('ix_loans_unit_status', ['unit_code', 'status'], unique=False)

    op.create_table('record_files',
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('file_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('record_id', 'file_id')
    )
    with op.batch_alter_table('record_files', schema=None) as batch_op:
        batch_op.create_index('ix_record_files_file', ['file_id'], unique=False)

    op.create_table('records',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('record_type', sa.String(length=20), nullable=False),
    sa.Column('department_id', sa.String(length=64), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=False),
    sa.Column('retention_years', sa.Integer(), nullable=True),
    sa.Column('retention_until', sa.Date(), nullable=True),
    sa.Column('location_store', sa.String(length=60), server_default='', nullable=False),
    sa.Column('location_shelf', sa.String(length=60), server_default='', nullable=False),
    sa.Column('location_box', sa.String(length=60), server_default='', nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('archived_by', sa.String(length=64), nullable=False),
    sa.Column('archived_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('destruction_id', sa.String(length=64), nullable=True),
    sa.Column('destroyed_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('unit_code', 'dossier_code', name='uq_records_unit_dossier'),
    sa.UniqueConstraint('unit_code', 'number', name='uq_records_unit_number')
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index('ix_records_unit_state_retention', ['unit_code', 'state', 'retention_until'], unique=False)

    op.create_table('search_entries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('state_label', sa.String(length=60), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('heading', sa.Text(), server_default='', nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'), nullable=True),
    sa.Column('title_vector', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'), nullable=True),
    sa.Column('updated_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'ref_id', name='uq_search_entries_ref')
    )
    ddl.extensions(op)
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.create_index('ix_search_entries_fts', ['unit_code', 'search_vector'], unique=False, postgresql_using='gin')
    ddl.create(op)

    with op.batch_alter_table('files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified_type', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('bytes_deleted_at', eiso_kit.db.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_files_purge', ['state', 'bytes_deleted_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('files', schema=None) as batch_op:
        batch_op.drop_index('ix_files_purge')
        batch_op.drop_column('bytes_deleted_at')
        batch_op.drop_column('verified_type')

    ddl.drop(op)
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_search_entries_fts', postgresql_using='gin')

    op.drop_table('search_entries')
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.drop_index('ix_records_unit_state_retention')

    op.drop_table('records')
    with op.batch_alter_table('record_files', schema=None) as batch_op:
        batch_op.drop_index('ix_record_files_file')

    op.drop_table('record_files')
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.drop_index('ix_loans_unit_status')
        batch_op.drop_index('ix_loans_status_due')
        batch_op.drop_index('ix_loans_record')

    op.drop_table('loans')
    op.drop_table('file_texts')
    op.drop_table('eiso_requests')
    op.drop_table('eiso_dossier_progress')
    with op.batch_alter_table('eiso_dossier_facts', schema=None) as batch_op:
        batch_op.drop_index('ix_eiso_dossier_facts_pending')

    op.drop_table('eiso_dossier_facts')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_unit_type')
        batch_op.drop_index('ix_documents_unit_department')
        batch_op.drop_index('ix_documents_review')

    op.drop_table('documents')
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_index('ix_document_versions_status')

    op.drop_table('document_versions')
    with op.batch_alter_table('document_version_files', schema=None) as batch_op:
        batch_op.drop_index('ix_document_version_files_file')

    op.drop_table('document_version_files')
    op.drop_table('document_acknowledgements')
    with op.batch_alter_table('destructions', schema=None) as batch_op:
        batch_op.drop_index('ix_destructions_unit')

    op.drop_table('destructions')
