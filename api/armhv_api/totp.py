"""The second factor's pure part: TOTP codes (RFC 6238: SHA-1, 30 s steps, 6 digits, as every
authenticator app reads an otpauth:// URI), the enrolment's QR code, single-use recovery codes. No I/O."""

import hashlib
import hmac
import re
import secrets
import time

import pyotp
import segno

STEP = 30
DIGITS = 6
# A code of the step before or after the current one is accepted too: a phone's clock drifts.
WINDOW = 1
RECOVERY_CODES = 10
# 16 base32 characters, 80 random bits, shown in four groups: too many to guess, even from the hashes.
RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
RECOVERY_FORM = re.compile(r'^[a-z2-7]{16}$')


def new_secret():
    return pyotp.random_base32(32)


def enrolment(secret, username, issuer):
    """What an authenticator app needs: the secret, its otpauth:// URI, and that URI as a QR code (SVG,
    drawn here, so no image service learns the secret)."""
    uri = pyotp.TOTP(secret, digits=DIGITS, interval=STEP).provisioning_uri(name=username, issuer_name=issuer)
    return dict(secret=secret, uri=uri, qr_svg=segno.make(uri, error='m').svg_inline(scale=4, omitsize=True))


def code_step(secret, code, now=None):
    """The time step a six-digit code belongs to, within WINDOW steps of now; None when it matches none."""
    if not isinstance(code, str) or len(code) != DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP)
    current = int((time.time() if now is None else now) // STEP)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def new_recovery_codes():
    codes = [''.join(secrets.choice(RECOVERY_ALPHABET) for _character in range(16))
             for _code in range(RECOVERY_CODES)]
    return ['-'.join(code[i:i + 4] for i in range(0, 16, 4)) for code in codes]


def recovery_hash(code):
    """The stored form of a recovery code, or None for text that is not one (spaces, dashes and case
    do not matter)."""
    plain = re.sub(r'[\s-]', '', code or '').lower()
    if not RECOVERY_FORM.match(plain):
        return None
    return hashlib.sha256(plain.encode('ascii')).hexdigest()
