"""Users and API keys.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'users',
        sa.Column('username', sa.String(64), primary_key=True),
        sa.Column('password_hash', sa.String(256), nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('created_at', sa.Integer, nullable=False),
    )
    op.create_table(
        'api_keys',
        sa.Column('id', sa.String(32), primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('key_hash', sa.String(64), nullable=False),
        sa.Column('created_by', sa.String(64), nullable=False),
        sa.Column('created_at', sa.Integer, nullable=False),
        sa.Column('expires_at', sa.Integer),
        sa.Column('revoked_at', sa.Integer),
        sa.Column('replaced_by', sa.String(32)),
    )


def downgrade():
    op.drop_table('api_keys')
    op.drop_table('users')
