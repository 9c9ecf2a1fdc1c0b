"""The second factor: a user's TOTP secret (pending until a first code confirms it), the last time step a
code was accepted for (a code is never accepted twice), and hashed single-use recovery codes.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('mfa_secret', sa.String(64)))
        batch.add_column(sa.Column('mfa_pending', sa.String(64)))
        batch.add_column(sa.Column('mfa_last_step', sa.Integer, nullable=False, server_default='0'))
    op.create_table('recovery_codes',
                    sa.Column('user_id', sa.String(32), sa.ForeignKey('users.id', ondelete='CASCADE'),
                              nullable=False),
                    sa.Column('code_hash', sa.String(64), nullable=False),
                    sa.PrimaryKeyConstraint('user_id', 'code_hash'))


def downgrade():
    op.drop_table('recovery_codes')
    with op.batch_alter_table('users') as batch:
        batch.drop_column('mfa_last_step')
        batch.drop_column('mfa_pending')
        batch.drop_column('mfa_secret')
