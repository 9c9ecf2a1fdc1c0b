"""A user's second factor: enrolment, its confirmation, the code a sign-in needs, turning it off."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest

from armhv_api import totp
from armhv_api.errors import Forbidden, NoSuchResource, OtpRequired, Unauthorized
from armhv_api.store import second_factor, users


def user_of(engine, who):
    """The signed-in user's row; an API key has no second factor (it stays a machine credential)."""
    if who.kind != 'user':
        raise Forbidden('an API key has no second factor; it is a machine credential')
    return users.find(engine, who.name)


def enrol(engine, who, issuer):
    """A new secret, pending until a code from it is confirmed; an earlier pending one is replaced."""
    user = user_of(engine, who)
    if user['mfa_secret']:
        raise Conflict('user %s has a second factor already; turn it off first (DELETE /api/v1/auth/mfa)'
                       % user['username'])
    secret = totp.new_secret()
    second_factor.set_pending(engine, user['id'], secret)
    return totp.enrolment(secret, user['username'], issuer)


def confirm(engine, who, code):
    """The pending secret is the user's once a code from it matches; the ten recovery codes, shown once."""
    user = user_of(engine, who)
    if not user['mfa_pending']:
        raise Conflict('user %s has no enrolment to confirm; start one (POST /api/v1/auth/mfa/enrol)'
                       % user['username'])
    step = totp.code_step(user['mfa_pending'], code)
    if step is None:
        raise InvalidRequest('the code does not match the new secret (is the phone\'s clock right?); '
                             'nothing was changed')
    codes = totp.new_recovery_codes()
    second_factor.enable(engine, user['id'], user['mfa_pending'], step, [totp.recovery_hash(c) for c in codes])
    return codes


def turn_off(engine, who, code):
    """Self-service: with a code (or a recovery code), the user's second factor goes."""
    user = user_of(engine, who)
    if not user['mfa_secret']:
        raise Conflict('user %s has no second factor' % user['username'])
    if not code_accepted(engine, user, code):
        raise Forbidden('wrong code; the second factor stays on')
    second_factor.disable(engine, user['id'])


def reset(engine, username):
    """An admin takes a user's second factor away (a lost phone); the user's tokens go on."""
    user = users.find(engine, username)
    if user is None:
        raise NoSuchResource('user %s does not exist' % username, 'user', username)
    if not second_factor.disable(engine, user['id']):
        raise NoSuchResource('user %s has no second factor' % username, 'second factor', username)


def check_sign_in(engine, user, code):
    """A user with a second factor signs in with a code, or once with each recovery code."""
    if not user['mfa_secret']:
        return
    if not code:
        raise OtpRequired('the password is right; user %s has a second factor: send its current code (or a '
                          'recovery code) as otp' % user['username'])
    if not code_accepted(engine, user, code):
        raise Unauthorized('wrong code, or a code that was used already')


def code_accepted(engine, user, code):
    """A code of the current time steps not spent yet (it is spent now, with every step before it), or an
    unused recovery code (used up now)."""
    step = totp.code_step(user['mfa_secret'], code)
    if step is not None:
        return second_factor.spend_step(engine, user['id'], step)
    code_hash = totp.recovery_hash(code)
    return bool(code_hash) and second_factor.spend_recovery_code(engine, user['id'], code_hash)
