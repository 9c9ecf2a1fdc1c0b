"""The auth attack set, RBAC, API key rotation and revocation, stored secrets, the audit log."""

import sqlite3
import time

import jwt

from conftest import ADMIN_PASSWORD, ROOT, SECRET

CLAIMS = dict(sub='admin', role='admin', iss='armhv-api', aud='armhv', gen=0, jti='forged')


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


def user_row(username):
    with sqlite3.connect(ROOT + '/main/api.db') as database:
        return database.execute('SELECT id, generation FROM users WHERE username = ?', (username,)).fetchone()


def test_tokens_end_with_the_identity_they_name(service, admin):
    client = service.client
    assert admin.post('/api/v1/users', json=dict(username='ida', password='ida password 1',
                                                 role='operator')).status_code == 201
    first = service.token('ida', 'ida password 1')
    assert admin.delete('/api/v1/users/ida').status_code == 204
    # The same name again, now an admin: the old token names the deleted user's id, not the name.
    assert admin.post('/api/v1/users', json=dict(username='ida', password='ida password 2',
                                                 role='admin')).status_code == 201
    assert 'no longer exists' in refused(client, first, path='/api/v1/users')
    second = service.token('ida', 'ida password 2')
    assert client.get('/api/v1/users', headers=bearer(second)).status_code == 200
    # A role change ends the tokens issued before it.
    changed = admin.put('/api/v1/users/ida', json=dict(role='viewer'))
    assert changed.status_code == 200 and changed.json()['role'] == 'viewer', changed.text
    assert 'ended by a change of password or role' in refused(client, second)
    # An admin's password reset too, and only the new password signs in.
    third = service.token('ida', 'ida password 2')
    assert admin.put('/api/v1/users/ida', json=dict(password='ida password 3')).status_code == 200
    assert 'ended' in refused(client, third)
    assert client.post('/api/v1/auth/token', json=dict(username='ida', password='ida password 2')).status_code == 401
    assert admin.put('/api/v1/users/nobody', json=dict(role='viewer')).status_code == 404
    assert admin.put('/api/v1/users/ida', json={}).status_code == 422


def test_password_change_needs_the_old_one_and_ends_tokens(service, admin):
    client = service.client
    assert admin.post('/api/v1/users', json=dict(username='pat', password='pat password 1',
                                                 role='viewer')).status_code == 201
    token = bearer(service.token('pat', 'pat password 1'))
    wrong = client.post('/api/v1/auth/password', headers=token,
                        json=dict(old_password='not it', new_password='pat password 2'))
    assert wrong.status_code == 403 and 'old password is wrong' in wrong.text
    short = client.post('/api/v1/auth/password', headers=token,
                        json=dict(old_password='pat password 1', new_password='short'))
    assert short.status_code == 422
    done = client.post('/api/v1/auth/password', headers=token,
                       json=dict(old_password='pat password 1', new_password='pat password 2'))
    assert done.status_code == 204, done.text
    assert 'ended' in refused(client, token['Authorization'][7:])
    assert client.post('/api/v1/auth/token', json=dict(username='pat', password='pat password 1')).status_code == 401
    service.token('pat', 'pat password 2')
    key = admin.post('/api/v1/api-keys', json=dict(name='nopassword', role='viewer')).json()['key']
    keyed = client.post('/api/v1/auth/password', headers=bearer(key),
                        json=dict(old_password='x', new_password='pat password 3'))
    assert keyed.status_code == 403 and 'API key has no password' in keyed.text


def test_token_lifetime_has_a_maximum(service):
    user_id, generation = user_row('admin')
    now = int(time.time())
    long_lived = jwt.encode(dict(CLAIMS, sub=user_id, gen=generation, iat=now, nbf=now, exp=now + 86401), SECRET)
    assert 'over the maximum of 86400 s' in refused(service.client, long_lived)
    within = jwt.encode(dict(CLAIMS, sub=user_id, gen=generation, iat=now, nbf=now, exp=now + 600), SECRET)
    assert service.client.get('/api/v1/containers', headers=bearer(within)).status_code == 200


def test_claims_of_the_wrong_type_are_a_401(service):
    """Signed with the real secret, so only the claim types stand between them and the service's code."""
    user_id, generation = user_row('admin')
    now = int(time.time())
    good = dict(CLAIMS, sub=user_id, gen=generation, iat=now, nbf=now, exp=now + 600)
    for claim, value, words in (('exp', str(now + 600), 'the exp claim must be a number'),
                                ('iat', str(now), 'the iat claim must be a number'),
                                ('nbf', str(now), 'the nbf claim must be a number'),
                                ('iat', True, 'the iat claim must be a number'),
                                ('gen', str(generation), 'the gen claim must be a number'),
                                ('gen', 0.5, 'the gen claim must be a number'),
                                ('sub', 7, 'subject must be a string'),  # PyJWT checks these two itself
                                ('jti', ['x'], 'jwt id must be a string')):
        message = refused(service.client, jwt.encode(dict(good, **{claim: value}), SECRET))
        assert words in message, (claim, value, message)
    assert service.client.get('/api/v1/containers', headers=bearer(jwt.encode(good, SECRET))).status_code == 200


def test_logout_ends_the_token_it_presents(service, admin):
    client = service.client
    assert admin.post('/api/v1/users', json=dict(username='lou', password='lou password 1',
                                                 role='viewer')).status_code == 201
    first, second = service.token('lou', 'lou password 1'), service.token('lou', 'lou password 1')
    with sqlite3.connect(ROOT + '/main/api.db') as database:
        database.execute("INSERT INTO ended_tokens (jti, expires_at) VALUES ('long-gone', 1)")
    done = client.post('/api/v1/auth/logout', headers=bearer(first))
    assert done.status_code == 204, done.text
    assert 'ended by signing out' in refused(client, first)
    assert client.post('/api/v1/auth/logout', headers=bearer(first)).status_code == 401
    assert client.get('/api/v1/containers', headers=bearer(second)).status_code == 200
    key = admin.post('/api/v1/api-keys', json=dict(name='nologout', role='viewer')).json()['key']
    keyed = client.post('/api/v1/auth/logout', headers=bearer(key))
    assert keyed.status_code == 422 and 'revoke it instead' in keyed.text
    assert client.get('/api/v1/containers', headers=bearer(key)).status_code == 200
    with sqlite3.connect(ROOT + '/main/api.db') as database:
        ended = database.execute('SELECT jti, expires_at FROM ended_tokens').fetchall()
    # The sign-out pruned the id of a token that has expired anyway.
    assert ended and all(expires > time.time() for _jti, expires in ended), ended
