"""A user's second factor: the columns of the users table it adds, and the recovery_codes table."""

from sqlalchemy import text

from armhv_api import db


def set_pending(engine, user_id, secret):
    db.execute(engine, 'UPDATE users SET mfa_pending = :s WHERE id = :i', s=secret, i=user_id)


def enable(engine, user_id, secret, step, code_hashes):
    """The pending secret becomes the user's, the step its first code used is spent, the recovery codes
    are replaced: in one transaction."""
    with engine.begin() as connection:
        connection.execute(text('UPDATE users SET mfa_secret = :s, mfa_pending = NULL, mfa_last_step = :t '
                                'WHERE id = :i'), dict(s=secret, t=step, i=user_id))
        connection.execute(text('DELETE FROM recovery_codes WHERE user_id = :i'), dict(i=user_id))
        connection.execute(text('INSERT INTO recovery_codes (user_id, code_hash) VALUES (:i, :h)'),
                           [dict(i=user_id, h=code_hash) for code_hash in code_hashes])


def disable(engine, user_id):
    """Whether the user had a second factor (or a pending one)."""
    with engine.begin() as connection:
        had = connection.execute(text('UPDATE users SET mfa_secret = NULL, mfa_pending = NULL, mfa_last_step = 0 '
                                      'WHERE id = :i AND (mfa_secret IS NOT NULL OR mfa_pending IS NOT NULL)'),
                                 dict(i=user_id)).rowcount
        connection.execute(text('DELETE FROM recovery_codes WHERE user_id = :i'), dict(i=user_id))
    return bool(had)


def spend_step(engine, user_id, step):
    """Whether the step was still unspent: a code is accepted once, and no earlier one after it."""
    return bool(db.execute(engine, 'UPDATE users SET mfa_last_step = :t WHERE id = :i AND mfa_last_step < :t',
                           t=step, i=user_id))


def spend_recovery_code(engine, user_id, code_hash):
    """Whether the code was one of the user's unused ones; it is used up now."""
    return bool(db.execute(engine, 'DELETE FROM recovery_codes WHERE user_id = :i AND code_hash = :h',
                           i=user_id, h=code_hash))


def recovery_codes_left(engine, user_id):
    return db.fetch_one(engine, 'SELECT count(*) AS n FROM recovery_codes WHERE user_id = :i', i=user_id)['n']
