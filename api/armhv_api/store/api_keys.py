"""The api_keys table."""

from armhv_api import db

PUBLIC = 'SELECT id, name, role, created_by, created_at, expires_at, revoked_at, replaced_by FROM api_keys'


def insert(engine, key_id, name, role, key_hash, creator, created, expires):
    db.execute(engine, 'INSERT INTO api_keys (id, name, role, key_hash, created_by, created_at, expires_at) '
               'VALUES (:i, :n, :r, :h, :c, :t, :e)', i=key_id, n=name, r=role, h=key_hash, c=creator, t=created,
               e=expires)


def find(engine, key_id):
    """The whole row (with the key's hash), or None."""
    return db.fetch_one(engine, 'SELECT * FROM api_keys WHERE id = :i', i=key_id)


def public(engine, key_id):
    return db.fetch_one(engine, PUBLIC + ' WHERE id = :i', i=key_id)


def listing(engine):
    return db.fetch_all(engine, PUBLIC + ' ORDER BY created_at, id')


def replace(engine, key_id, expires, replaced_by):
    db.execute(engine, 'UPDATE api_keys SET expires_at = :e, replaced_by = :r WHERE id = :i',
               e=expires, r=replaced_by, i=key_id)


def revoke(engine, key_id):
    db.execute(engine, 'UPDATE api_keys SET revoked_at = :t WHERE id = :i', t=db.now(), i=key_id)
