"""Users get an immutable id and a token generation: a token names both, so deleting a user,
re-creating the name, or changing the password or role ends the tokens issued before. Audit rows get a
detail (what the instance policy refused or allowed).

Revision ID: 0003
Revises: 0002
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('id', sa.String(32)))
        batch.add_column(sa.Column('generation', sa.Integer, nullable=False, server_default='0'))
    connection = op.get_bind()
    for (username,) in connection.execute(sa.text('SELECT username FROM users')).fetchall():
        connection.execute(sa.text('UPDATE users SET id = :i WHERE username = :u'),
                           dict(i=uuid.uuid4().hex, u=username))
    with op.batch_alter_table('users') as batch:
        batch.alter_column('id', existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint('users_id', ['id'])
    op.add_column('audit_log', sa.Column('detail', sa.String(512)))


def downgrade():
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_column('detail')
    with op.batch_alter_table('users') as batch:
        batch.drop_constraint('users_id', type_='unique')
        batch.drop_column('generation')
        batch.drop_column('id')
