"""Credentials: argon2id passwords, HS256 JWTs with every claim checked, hashed API keys, roles."""

import hashlib
import hmac
import secrets
import uuid

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest

from armhv_api import db
from armhv_api.errors import NoSuchResource, Unauthorized
from armhv_api.store import api_keys, ended_tokens, users

ALGORITHM = 'HS256'
ROLES = ('viewer', 'operator', 'admin')
KEY_PREFIX = 'armhv_'
MIN_PASSWORD = 12
HASHER = PasswordHasher()
# Verified when the user does not exist, so that a login takes as long either way.
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class Principal:
    def __init__(self, name, role, kind, mfa=False, must_enrol=False):
        self.name = name
        self.role = role
        self.kind = kind
        self.mfa = mfa
        # A user whose role requires a second factor and who has none: only enrolment is open to it.
        self.must_enrol = must_enrol

    @property
    def actor(self):
        return '%s:%s' % (self.kind, self.name)

    def allows(self, role):
        return ROLES.index(self.role) >= ROLES.index(role)


def check_role(role):
    if role not in ROLES:
        raise InvalidRequest('role must be one of %s, not %r' % (', '.join(ROLES), role))
    return role


def check_new_password(password):
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest('the password must have at least %d characters' % MIN_PASSWORD)


def hash_password(password):
    return HASHER.hash(password)


def find_user(engine, username):
    return users.find(engine, username)


def check_password(engine, username, password):
    """The user (a dict) when the password matches, else None."""
    user = find_user(engine, username)
    try:
        HASHER.verify(user['password_hash'] if user else DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def create_user(engine, username, password, role):
    check_role(role)
    check_new_password(password)
    if find_user(engine, username):
        raise Conflict('user %s already exists' % username)
    users.insert(engine, username, hash_password(password), role)


def update_user(engine, username, role=None, password=None):
    """A new role and/or password; either ends the user's tokens (the generation moves on)."""
    if role is None and password is None:
        raise InvalidRequest('give a role, a password or both')
    user = find_user(engine, username)
    if user is None:
        raise NoSuchResource('user %s does not exist' % username, 'user', username)
    if role is not None:
        check_role(role)
        if user['role'] == 'admin' and role != 'admin' and users.count_admins(engine) == 1:
            raise Conflict('%s is the only admin; make another admin first' % username)
    if password is not None:
        check_new_password(password)
    users.update(engine, user['id'], role or user['role'],
                 hash_password(password) if password is not None else user['password_hash'])


def issue_token(auth, user):
    issued = db.now()
    claims = dict(sub=user['id'], gen=user['generation'], name=user['username'], iss=auth.issuer,
                  aud=auth.audience, iat=issued, nbf=issued, exp=issued + auth.token_ttl, jti=uuid.uuid4().hex)
    return jwt.encode(claims, auth.jwt_secret, algorithm=ALGORITHM)


# Claims and the types they must have: PyJWT reads a numeric string as a time, which would reach the
# arithmetic below; a bool is an int to Python and is no time either.
CLAIM_TYPES = dict(exp=(int, float), iat=(int, float), nbf=(int, float), gen=(int,), sub=(str,), jti=(str,))


def decode_token(auth, token):
    """The token's claims, every one required and of its type; 401 otherwise."""
    try:
        claims = jwt.decode(token, auth.jwt_secret, algorithms=[ALGORITHM], audience=auth.audience, issuer=auth.issuer,
                            options={'require': ['exp', 'iat', 'nbf', 'iss', 'aud', 'sub', 'gen', 'jti']})
    except jwt.PyJWTError as exc:
        raise Unauthorized('invalid token: %s' % exc)
    for claim, types in CLAIM_TYPES.items():
        if isinstance(claims[claim], bool) or not isinstance(claims[claim], types):
            raise Unauthorized('invalid token: the %s claim must be a %s' % (
                  claim, 'string' if types == (str,) else 'number'))
    return claims


def verify_token(auth, engine, token):
    """The token's principal. The user is looked up by its immutable id and the token's generation must
    be the user's current one; the role is read again, so a change takes effect at once. A token ended
    by sign-out is refused."""
    claims = decode_token(auth, token)
    if ended_tokens.is_ended(engine, claims['jti']):
        raise Unauthorized('invalid token: it was ended by signing out; sign in again')
    lifetime = claims['exp'] - claims['iat']
    if lifetime > auth.max_token_ttl:
        raise Unauthorized('invalid token: its lifetime (%s s) is over the maximum of %d s'
                           % (lifetime, auth.max_token_ttl))
    user = users.find_by_id(engine, claims['sub'])
    if user is None:
        raise Unauthorized('invalid token: the user no longer exists')
    if claims['gen'] != user['generation']:
        raise Unauthorized('invalid token: it was ended by a change of password or role; sign in again')
    mfa = user['mfa_secret'] is not None
    return Principal(user['username'], user['role'], 'user', mfa, user['role'] in auth.require_mfa and not mfa)


def end_token(auth, engine, token):
    """Sign-out: the token's id is refused until the token would have expired; ids past that are
    dropped on the way."""
    claims = decode_token(auth, token)
    ended_tokens.end(engine, claims['jti'], int(claims['exp']))


def key_hash(secret):
    # API keys carry 256 random bits: a plain SHA-256 cannot be brute-forced and keeps checks fast.
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()


def new_key():
    """(id, the key as shown to its owner once)."""
    key_id = secrets.token_hex(8)
    return key_id, '%s%s_%s' % (KEY_PREFIX, key_id, secrets.token_urlsafe(32))


def verify_key(engine, key):
    parts = key[len(KEY_PREFIX):].split('_', 1)
    row = api_keys.find(engine, parts[0]) if len(parts) == 2 else None
    if row is None or not hmac.compare_digest(row['key_hash'], key_hash(key)):
        raise Unauthorized('invalid API key')
    if row['revoked_at'] is not None:
        raise Unauthorized('API key %s was revoked' % row['id'])
    if row['expires_at'] is not None and row['expires_at'] <= db.now():
        raise Unauthorized('API key %s has expired' % row['id'])
    return Principal(row['id'], row['role'], 'key')


def bearer(header):
    """The credential of an Authorization header; 401 when there is none."""
    if not header:
        raise Unauthorized('missing Authorization: Bearer credentials')
    scheme, credential = (header.split(' ', 1) + [''])[:2]
    if scheme.lower() != 'bearer' or not credential.strip():
        raise Unauthorized('the Authorization header must be "Bearer <token or API key>"')
    return credential.strip()


def authenticate(settings, engine, header):
    credential = bearer(header)
    if credential.startswith(KEY_PREFIX):
        return verify_key(engine, credential)
    return verify_token(settings.auth, engine, credential)
