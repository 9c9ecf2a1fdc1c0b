"""The second factor (TOTP): enrolment with a QR code, sign-in with a code, no replay, single-use recovery
codes, [auth] require_mfa, wrong codes against the login limit, an admin's reset. API keys stay
single-factor."""

import time

import pyotp
import pytest

from conftest import local_service

PASSWORD = 'a password of twelve+'


def mfa_service(name, port, limits=('100000/minute',) * 3):
    """A service on loopback whose admins must have a second factor (no route these tests call reaches
    LXD)."""
    return local_service(name, port, '', auth='require_mfa = ["admin"]\n', limits=limits,
                         users=[(user, role, PASSWORD) for user, role in
                                (('ada', 'admin'), ('bea', 'admin'), ('otto', 'operator'), ('olga', 'operator'))])


@pytest.fixture(scope='module')
def service():
    with mfa_service('mfa', 18453) as found:
        yield found


def sign_in(service, username, otp=None):
    body = dict(username=username, password=PASSWORD)
    if otp is not None:
        body['otp'] = otp
    return service.client.post('/api/v1/auth/token', json=body)


def as_user(token):
    return {'Authorization': 'Bearer ' + token}


def code(secret, steps_ahead=0):
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def enrolled(service, username):
    """Enrol and confirm; (a token, the secret, the recovery codes)."""
    token = sign_in(service, username).json()['access_token']
    enrolment = service.client.post('/api/v1/auth/mfa/enrol', headers=as_user(token))
    assert enrolment.status_code == 200, enrolment.text
    secret = enrolment.json()['secret']
    confirmed = service.client.post('/api/v1/auth/mfa/confirm', headers=as_user(token), json=dict(otp=code(secret)))
    assert confirmed.status_code == 200, confirmed.text
    return token, secret, confirmed.json()['recovery_codes']


def test_an_admin_without_a_second_factor_can_only_enrol(service):
    token = sign_in(service, 'ada').json()['access_token']
    refused = service.client.get('/api/v1/users', headers=as_user(token))
    assert refused.status_code == 403 and 'enrol first' in refused.json()['error']['message']
    me = service.client.get('/api/v1/auth/me', headers=as_user(token)).json()
    assert me == dict(username='ada', role='admin', kind='user', mfa=False, must_enrol=True)
    enrolment = service.client.post('/api/v1/auth/mfa/enrol', headers=as_user(token)).json()
    assert enrolment['uri'].startswith('otpauth://totp/') and 'secret=' + enrolment['secret'] in enrolment['uri']
    assert enrolment['qr_svg'].startswith('<svg') and '<script' not in enrolment['qr_svg']
    wrong = service.client.post('/api/v1/auth/mfa/confirm', headers=as_user(token), json=dict(otp='000000'))
    assert wrong.status_code == 422 and 'does not match' in wrong.json()['error']['message']
    assert service.client.get('/api/v1/users', headers=as_user(token)).status_code == 403
    confirmed = service.client.post('/api/v1/auth/mfa/confirm', headers=as_user(token),
                                    json=dict(otp=code(enrolment['secret'])))
    codes = confirmed.json()['recovery_codes']
    assert len(codes) == 10 and len(set(codes)) == 10
    # The same token now reaches everything its role may.
    assert service.client.get('/api/v1/users', headers=as_user(token)).status_code == 200
    again = service.client.post('/api/v1/auth/mfa/enrol', headers=as_user(token))
    assert again.status_code == 409


def test_sign_in_needs_the_code_once(service):
    _token, secret, _codes = enrolled(service, 'bea')
    missing = sign_in(service, 'bea')
    assert missing.status_code == 401 and missing.json()['error']['code'] == 'otp_required'
    assert sign_in(service, 'bea', '123456' if code(secret, 1) != '123456' else '654321').status_code == 401
    fresh = code(secret, 1)  # the confirmation spent the current step
    assert sign_in(service, 'bea', fresh).status_code == 200
    replay = sign_in(service, 'bea', fresh)
    assert replay.status_code == 401 and 'used already' in replay.json()['error']['message']
    # An earlier step's code is no good after a later one was used.
    assert sign_in(service, 'bea', code(secret, 0)).status_code == 401
    # A wrong password says so, code or not; it never tells whether the user has a second factor.
    wrong = service.client.post('/api/v1/auth/token', json=dict(username='bea', password='wrong', otp=fresh))
    assert wrong.status_code == 401 and wrong.json()['error']['code'] == 'unauthorized'


def test_recovery_codes_are_single_use_and_turn_the_factor_off(service):
    _token, _secret, codes = enrolled(service, 'otto')
    signed = sign_in(service, 'otto', codes[0].upper().replace('-', ' '))
    assert signed.status_code == 200, signed.text
    assert sign_in(service, 'otto', codes[0]).status_code == 401
    token = signed.json()['access_token']
    wrong = service.client.request('DELETE', '/api/v1/auth/mfa', headers=as_user(token), json=dict(otp=codes[0]))
    assert wrong.status_code == 403
    off = service.client.request('DELETE', '/api/v1/auth/mfa', headers=as_user(token), json=dict(otp=codes[1]))
    assert off.status_code == 204, off.text
    # An operator needs none here: the password alone signs in again.
    assert sign_in(service, 'otto').status_code == 200
    assert service.client.get('/api/v1/auth/me', headers=as_user(token)).json()['mfa'] is False


def test_an_admin_resets_a_lost_factor_and_api_keys_stay_single_factor(service):
    admin_token = admin_session(service)
    enrolled(service, 'olga')
    assert sign_in(service, 'olga').json()['error']['code'] == 'otp_required'
    listed = {user['username']: user['mfa'] for user in
              service.client.get('/api/v1/users', headers=as_user(admin_token)).json()}
    assert listed['olga'] is True
    assert service.client.delete('/api/v1/users/olga/mfa', headers=as_user(admin_token)).status_code == 204
    assert service.client.delete('/api/v1/users/olga/mfa', headers=as_user(admin_token)).status_code == 404
    assert sign_in(service, 'olga').status_code == 200
    key = service.client.post('/api/v1/api-keys', headers=as_user(admin_token),
                              json=dict(name='ci', role='admin')).json()['key']
    assert service.client.get('/api/v1/users', headers=as_user(key)).status_code == 200
    assert service.client.post('/api/v1/auth/mfa/enrol', headers=as_user(key)).status_code == 403


def admin_session(service):
    """A token of a new admin with a second factor."""
    service.cli('create-user', '--username', 'root2', '--role', 'admin', stdin=PASSWORD + '\n')
    token, _secret, _codes = enrolled(service, 'root2')
    return token


def test_wrong_codes_count_toward_the_login_limit():
    with mfa_service('mfa-limit', 18454, limits=('100000/minute', '100000/minute', '4/minute')) as found:
        _token, secret, _codes = enrolled(found, 'otto')  # one sign-in
        wrong = '000000' if code(secret, 1) != '000000' else '111111'
        assert [sign_in(found, 'otto', wrong).status_code for _attempt in range(4)] == [401, 401, 401, 429]
