"""The ended_tokens table: the ids of tokens signed out before they expire."""

from armhv_api import db


def is_ended(engine, jti):
    return db.fetch_one(engine, 'SELECT jti FROM ended_tokens WHERE jti = :j', j=jti) is not None


def end(engine, jti, expires_at):
    """Remember jti until it would have expired; forget the ones past that."""
    db.execute(engine, 'DELETE FROM ended_tokens WHERE expires_at < :t', t=db.now())
    db.execute(engine, 'INSERT OR IGNORE INTO ended_tokens (jti, expires_at) VALUES (:j, :e)', j=jti, e=expires_at)
