"""The audit_log table."""

from armhv_api import db

# A row is written before its change with this status and completed after; one still carrying it was
# cut off (service killed, database failed) before the answer.
UNFINISHED = 0


def begin(engine, action, target, request_id, source):
    """A change's row, written before the change; its id."""
    return db.insert(engine, 'INSERT INTO audit_log (at, actor, action, target, status, request_id, source) '
                     'VALUES (:at, :actor, :action, :target, :status, :rid, :source)',
                     at=db.now(), actor='anonymous', action=action, target=target, status=UNFINISHED,
                     rid=request_id, source=source)


def end(engine, row, actor, status, detail):
    db.execute(engine, 'UPDATE audit_log SET actor = :actor, status = :status, detail = :detail WHERE id = :id',
               id=row, actor=actor, status=status, detail=detail)


def close_unfinished(engine, detail):
    db.execute(engine, 'UPDATE audit_log SET detail = :detail WHERE status = :unfinished AND detail IS NULL',
               unfinished=UNFINISHED, detail=detail)


def recent(engine, limit):
    return db.fetch_all(engine, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT :n', n=limit)
