"""The auth attack set, RBAC, API key rotation and revocation, stored secrets, the audit log."""

import sqlite3
import time

import jwt

from conftest import ADMIN_PASSWORD, ROOT, SECRET

CLAIMS = dict(sub='admin', role='admin', iss='armhv-api', aud='armhv')


def bearer(credential):
    return {'Authorization': 'Bearer ' + credential}


def claims(**changes):
    now = int(time.time())
    found = dict(CLAIMS, iat=now, nbf=now, exp=now + 300)
    found.update(changes)
    return found


def refused(client, credential, status=401, path='/api/v1/containers'):
    answer = client.get(path, headers=bearer(credential) if credential is not None else {})
    assert answer.status_code == status, answer.text
    assert answer.json()['error']['code'] == ('unauthorized' if status == 401 else 'forbidden')
    return answer.json()['error']['message'].lower()


def test_token_attacks(service):
    client = service.client
    assert client.get('/api/v1/containers').headers['www-authenticate'] == 'Bearer'
    assert 'missing' in refused(client, None)
    assert 'signature verification failed' in refused(client, jwt.encode(claims(), 'another-secret' * 4))
    assert 'alg value is not allowed' in refused(client, jwt.encode(claims(), None, algorithm='none'))
    assert 'alg value is not allowed' in refused(client, jwt.encode(claims(), SECRET * 2, algorithm='HS512'))
    assert 'expired' in refused(client, jwt.encode(claims(exp=int(time.time()) - 10), SECRET))
    assert 'audience' in refused(client, jwt.encode(claims(aud='someone-else'), SECRET))
    assert 'issuer' in refused(client, jwt.encode(claims(iss='someone-else'), SECRET))
    assert 'not yet valid' in refused(client, jwt.encode(claims(nbf=int(time.time()) + 600), SECRET))
    no_exp = dict(claims())
    del no_exp['exp']
    assert 'exp' in refused(client, jwt.encode(no_exp, SECRET))
    good = service.token()
    head, body, signature = good.split('.')
    tampered = jwt.encode(claims(sub='root'), 'x' * 40).split('.')[1]
    assert 'signature' in refused(client, '.'.join((head, tampered, signature)))
    assert 'wrong username or password' in client.post('/api/v1/auth/token', json=dict(
        username='admin', password='wrong')).json()['error']['message']
    assert client.get('/api/v1/containers', headers=bearer(good)).status_code == 200


def test_roles(service, admin):
    for name, role in (('vera', 'viewer'), ('otto', 'operator')):
        made = admin.post('/api/v1/users', json=dict(username=name, password=name * 4, role=role))
        assert made.status_code == 201, made.text
    viewer, operator = bearer(service.token('vera', 'vera' * 4)), bearer(service.token('otto', 'otto' * 4))
    client = service.client
    assert client.get('/api/v1/bridges', headers=viewer).status_code == 200
    message = refused(client, viewer['Authorization'][7:], 403, '/api/v1/api-keys')
    assert 'has role viewer; this needs admin' in message
    for headers, status in ((viewer, 403), (operator, 201)):
        answer = client.post('/api/v1/containers', headers=headers, json=dict(name='rbac1', image='busybox'))
        assert answer.status_code == status, answer.text
    assert client.post('/api/v1/bridges', headers=operator, json=dict(name='rbacbr')).status_code == 403
    assert client.delete('/api/v1/containers/rbac1', headers=viewer).status_code == 403
    assert client.delete('/api/v1/containers/rbac1', headers=operator).status_code == 204
    assert admin.delete('/api/v1/users/vera').status_code == 204
    assert 'no longer exists' in refused(client, viewer['Authorization'][7:])


def test_api_keys_rotate_and_revoke(service, admin):
    made = admin.post('/api/v1/api-keys', json=dict(name='ci', role='operator'))
    assert made.status_code == 201, made.text
    old = made.json()
    assert service.client.get('/api/v1/containers', headers=bearer(old['key'])).status_code == 200
    assert 'key' not in admin.get('/api/v1/api-keys').json()[0]
    rotated = admin.post('/api/v1/api-keys/%s/rotate' % old['id'])
    assert rotated.status_code == 201, rotated.text
    new = rotated.json()
    # Both work during the grace window (key_grace_seconds = 3 in the test configuration)...
    for key in (old['key'], new['key']):
        assert service.client.get('/api/v1/containers', headers=bearer(key)).status_code == 200
    assert admin.post('/api/v1/api-keys/%s/rotate' % old['id']).status_code == 409
    time.sleep(max(0, new['old_key_valid_until'] - time.time()) + 1.1)
    # ...then only the new one.
    assert 'has expired' in refused(service.client, old['key'])
    assert service.client.get('/api/v1/containers', headers=bearer(new['key'])).status_code == 200
    assert admin.delete('/api/v1/api-keys/%s' % new['id']).status_code == 204
    assert 'revoked' in refused(service.client, new['key'])
    assert 'invalid api key' in refused(service.client, new['key'][:-2] + 'xx')
    assert admin.delete('/api/v1/api-keys/nope').status_code == 404


def test_secrets_are_stored_hashed(service, admin):
    key = admin.post('/api/v1/api-keys', json=dict(name='hashcheck', role='viewer')).json()['key']
    with open(ROOT + '/main/api.db', 'rb') as handle:
        stored = handle.read()
    assert key.encode() not in stored and key.split('_', 2)[2].encode() not in stored
    assert ADMIN_PASSWORD.encode() not in stored
    with sqlite3.connect(ROOT + '/main/api.db') as database:
        hashed = database.execute("SELECT password_hash FROM users WHERE username = 'admin'").fetchone()[0]
    assert hashed.startswith('$argon2id$')


def test_audit_log(service, admin):
    answer = admin.post('/api/v1/bridges', json=dict(name='auditbr'), headers={'X-Request-ID': 'audit-1'})
    assert answer.status_code == 201
    admin.delete('/api/v1/bridges/auditbr')
    entries = admin.get('/api/v1/audit').json()
    made = [e for e in entries if e['request_id'] == 'audit-1']
    assert made and made[0]['actor'] == 'user:admin' and made[0]['action'] == 'POST'
    assert made[0]['target'] == '/api/v1/bridges' and made[0]['status'] == 201
    assert any(e['target'] == '/api/v1/bridges/auditbr' and e['action'] == 'DELETE' for e in entries)
    # Refused attempts are changes that were tried: they are in the log too.
    service.client.post('/api/v1/bridges', json=dict(name='x'), headers={'X-Request-ID': 'audit-2'})
    assert any(e['request_id'] == 'audit-2' and e['status'] == 401 and e['actor'] == 'anonymous'
               for e in admin.get('/api/v1/audit').json())
