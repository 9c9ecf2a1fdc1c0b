"""The second factor's pure part (armhv_api.totp): which codes match, recovery codes and their hashes,
what an authenticator app is given."""

from urllib.parse import parse_qs, urlparse

import pyotp
import pytest

from armhv_api import totp

SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
NOW = 1_800_000_000  # a step boundary's neighbourhood does not matter: steps are counted from here
STEP = NOW // 30


@pytest.mark.parametrize('offset, step', [(-30, STEP - 1), (0, STEP), (30, STEP + 1)])
def test_a_code_of_the_step_before_now_or_after_matches_its_step(offset, step):
    assert totp.code_step(SECRET, pyotp.TOTP(SECRET).at(NOW + offset), now=NOW) == step


@pytest.mark.parametrize('code', [pyotp.TOTP(SECRET).at(NOW - 60), pyotp.TOTP(SECRET).at(NOW + 60), '12345',
                                  '1234567', 'abcdef', '', None, ' ' + pyotp.TOTP(SECRET).at(NOW)])
def test_other_codes_match_no_step(code):
    assert totp.code_step(SECRET, code, now=NOW) is None


def test_recovery_codes_are_ten_distinct_80_bit_codes_in_groups():
    codes = totp.new_recovery_codes()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(code) == 19 and code.count('-') == 3 for code in codes)


def test_a_recovery_code_s_hash_ignores_case_spaces_and_dashes_and_refuses_other_text():
    code = totp.new_recovery_codes()[0]
    assert totp.recovery_hash(code) == totp.recovery_hash(code.upper().replace('-', ' '))
    assert len(totp.recovery_hash(code)) == 64 and code.replace('-', '') not in totp.recovery_hash(code)
    for other in ('123456', code[:-1], code + 'a', '', None, code.replace(code[0], '1', 1)):
        assert totp.recovery_hash(other) is None


def test_the_enrolment_gives_an_app_the_secret_its_uri_and_a_qr_code():
    enrolment = totp.enrolment(SECRET, 'ada', 'armhv-api')
    uri = urlparse(enrolment['uri'])
    assert uri.scheme == 'otpauth' and uri.netloc == 'totp' and uri.path == '/armhv-api:ada'
    assert parse_qs(uri.query) == {'secret': [SECRET], 'issuer': ['armhv-api']}
    assert enrolment['qr_svg'].startswith('<svg viewBox=') and 'script' not in enrolment['qr_svg']
    assert len(totp.new_secret()) == 32
