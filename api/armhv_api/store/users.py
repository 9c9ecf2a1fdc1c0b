"""The users table."""

import uuid

from armhv_api import db

PUBLIC = 'SELECT id, username, role, created_at, mfa_secret IS NOT NULL AS mfa FROM users'


def find(engine, username):
    """The whole row (with the password hash and token generation), or None."""
    return db.fetch_one(engine, 'SELECT * FROM users WHERE username = :u', u=username)


def find_by_id(engine, user_id):
    return db.fetch_one(engine, 'SELECT * FROM users WHERE id = :i', i=user_id)


def public(engine, username):
    return db.fetch_one(engine, PUBLIC + ' WHERE username = :u', u=username)


def listing(engine):
    return db.fetch_all(engine, PUBLIC + ' ORDER BY username')


def insert(engine, username, password_hash, role):
    db.execute(engine, 'INSERT INTO users (username, password_hash, role, created_at, id, generation) '
               'VALUES (:u, :h, :r, :t, :i, 0)', u=username, h=password_hash, r=role, t=db.now(), i=uuid.uuid4().hex)


def update(engine, user_id, role, password_hash):
    """A new role and password hash; the token generation moves on, so the user's tokens end."""
    db.execute(engine, 'UPDATE users SET role = :r, password_hash = :h, generation = generation + 1 WHERE id = :i',
               r=role, h=password_hash, i=user_id)


def delete(engine, username):
    """Whether there was such a user."""
    return bool(db.execute(engine, 'DELETE FROM users WHERE username = :u', u=username))


def count_admins(engine):
    return db.fetch_one(engine, "SELECT count(*) AS n FROM users WHERE role = 'admin'")['n']
