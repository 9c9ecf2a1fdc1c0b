"""Tokens ended before they expire (sign-out): their id until the time they would have expired.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ended_tokens',
                    sa.Column('jti', sa.String(64), primary_key=True),
                    sa.Column('expires_at', sa.Integer, nullable=False))


def downgrade():
    op.drop_table('ended_tokens')
