"""SQLite storage: users, API keys and the audit log, with the schema under Alembic migrations."""

import functools
import os
import time

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text

MIGRATIONS = os.path.join(os.path.dirname(__file__), 'migrations')


def open_engine(path):
    engine = create_engine('sqlite:///' + path)

    @event.listens_for(engine, 'connect')
    def _pragmas(connection, _record):
        # WAL lets readers go on while the audit log is written; the timeout rides out writer overlap.
        cursor = connection.cursor()
        cursor.execute('PRAGMA journal_mode=WAL')
        cursor.execute('PRAGMA busy_timeout=5000')
        cursor.execute('PRAGMA foreign_keys=ON')
        cursor.close()

    return engine


def alembic_config(engine):
    config = Config()
    config.set_main_option('script_location', MIGRATIONS)
    config.attributes['engine'] = engine
    return config


def upgrade(engine, revision='head'):
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine, revision):
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine):
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@functools.lru_cache(maxsize=None)
def head_revision(engine):
    # Read once: the migrations shipped with this process do not change under it.
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def schema_current(engine):
    return current_revision(engine) == head_revision(engine)


def now():
    return int(time.time())


def fetch_one(engine, sql, **values):
    with engine.connect() as connection:
        row = connection.execute(text(sql), values).mappings().first()
        return dict(row) if row else None


def fetch_all(engine, sql, **values):
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(text(sql), values).mappings()]


def insert(engine, sql, **values):
    """Insert one row; its id."""
    with engine.begin() as connection:
        return connection.execute(text(sql), values).lastrowid


def execute(engine, sql, **values):
    with engine.begin() as connection:
        return connection.execute(text(sql), values).rowcount
