"""The audit log of changes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('at', sa.Integer, nullable=False),
        sa.Column('actor', sa.String(96), nullable=False),
        sa.Column('action', sa.String(16), nullable=False),
        sa.Column('target', sa.String(256), nullable=False),
        sa.Column('status', sa.Integer, nullable=False),
        sa.Column('request_id', sa.String(64), nullable=False),
        sa.Column('source', sa.String(64), nullable=False),
    )
    op.create_index('audit_log_at', 'audit_log', ['at'])


def downgrade():
    op.drop_index('audit_log_at', 'audit_log')
    op.drop_table('audit_log')
