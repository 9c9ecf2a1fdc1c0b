"""API keys: created (shown once), listed, rotated with an overlap window, revoked."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict

from armhv_api import db
from armhv_api.errors import NoSuchResource
from armhv_api.security import check_role, key_hash, new_key
from armhv_api.store import api_keys


def create(engine, name, role, expires_in, creator):
    check_role(role)
    key_id, key = new_key()
    created = db.now()
    expires = created + expires_in if expires_in else None
    api_keys.insert(engine, key_id, name, role, key_hash(key), creator, created, expires)
    return dict(get(engine, key_id), key=key)


def get(engine, key_id):
    row = api_keys.public(engine, key_id)
    if row is None:
        raise NoSuchResource('API key %s does not exist' % key_id, 'api key', key_id)
    return row


def listing(engine):
    return api_keys.listing(engine)


def rotate(engine, key_id, grace, creator):
    """A new key with the old one's name and role; the old one works `grace` seconds more."""
    old = get(engine, key_id)
    if old['revoked_at'] is not None or old['replaced_by'] is not None:
        raise Conflict('API key %s was already %s' % (key_id, 'revoked' if old['revoked_at'] else 'rotated'))
    left = old['expires_at'] - db.now() if old['expires_at'] else None
    if left is not None and left <= 0:
        raise Conflict('API key %s has expired: create a new one' % key_id)
    fresh = create(engine, old['name'], old['role'], left, creator)
    ends = db.now() + grace
    if old['expires_at'] is not None:
        ends = min(ends, old['expires_at'])
    api_keys.replace(engine, key_id, ends, fresh['id'])
    return dict(fresh, old_key_valid_until=ends)


def revoke(engine, key_id):
    key = get(engine, key_id)
    if key['revoked_at'] is None:
        api_keys.revoke(engine, key_id)
