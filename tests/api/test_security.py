"""The two walls between an operator and root on the host (the API's policy, then LXD's restricted
project and certificate), and requests that must never get a 5xx nor go without a request id."""

import socket
import sqlite3
from urllib.parse import quote

import httpx
import pytest

from conftest import ADMIN_PASSWORD, NS, PROJECT, ROOT, confined_lxd, local_service, lxc, run

RISKY_CONFIG = [
    ('security.privileged', 'true'),
    ('security.nesting', 'true'),
    ('raw.lxc', 'lxc.mount.entry = / mnt none bind,create=dir 0 0'),
    ('raw.idmap', 'both 0 0'),
    ('raw.apparmor', 'mount,'),
    ('linux.kernel_modules', 'ip_tables'),
    ('security.idmap.base', '0'),
    ('security.syscalls.intercept.mknod', 'true'),
]


def error(answer, status):
    assert answer.status_code == status, answer.text
    assert answer.json()['error']['request_id'] == answer.headers['x-request-id']
    return answer.json()['error']['message']


@pytest.fixture(scope='module')
def operator(service, admin):
    made = admin.post('/api/v1/users', json=dict(username='sec-op', password='operator password', role='operator'))
    assert made.status_code == 201, made.text
    return httpx.Client(base_url=service.client.base_url, verify=service.verify, timeout=180,
                        headers={'Authorization': 'Bearer ' + service.token('sec-op', 'operator password')})


def audit_detail(request_id):
    with sqlite3.connect(ROOT + '/main/api.db') as database:
        row = database.execute('SELECT status, detail FROM audit_log WHERE request_id = ?', (request_id,)).fetchone()
    return row


@pytest.mark.parametrize('key, value', RISKY_CONFIG)
def test_operators_and_admins_are_refused_risky_keys(operator, admin, key, value):
    for who, client in (('operators', operator), ('admins', admin)):
        rid = 'policy-%s-%s' % (who, key)
        answer = client.post('/api/v1/containers', headers={'X-Request-ID': rid},
                             json=dict(name='risky', image='busybox', config={key: value}, start=True))
        assert '%s may not set %s' % (who, key) in error(answer, 403)
        assert audit_detail(rid) == (403, 'policy refused: %s' % key)
    error(admin.get('/api/v1/containers/risky'), 404)


@pytest.fixture(scope='module')
def unconfined(lxd):
    """A service on the default project (no restrictions there, no confined credential), whose policy lets
    admins set security.nesting and raw.lxc: what LXD would allow, only the API's policy refuses."""
    with local_service('policy', 18449, '\n[policy]\nadmin_allowed = ["security.nesting", "raw.lxc"]\n') as found:
        yield found


def as_user(service, username, password, request_id):
    return {'Authorization': 'Bearer ' + service.token(username, password), 'X-Request-ID': request_id}


def test_risky_profiles_count(unconfined):
    lxc('profile', 'create', 'privileged-prof', project='default')
    try:
        lxc('profile', 'set', 'privileged-prof', 'security.privileged', 'true', project='default')
        lxc('profile', 'device', 'add', 'privileged-prof', 'hostroot', 'disk', 'source=/', 'path=/mnt/host',
            project='default')
        headers = as_user(unconfined, 'op', 'operator password', 'via-profile')
        answer = unconfined.client.post('/api/v1/containers', headers=headers, json=dict(
            name='viaprofile', image='busybox', profiles=['default', 'privileged-prof']))
        assert 'profile privileged-prof, device hostroot (disk): operators may not use disk devices' \
            in error(answer, 403)
        assert 'not exist' in error(unconfined.client.post('/api/v1/containers', headers=headers, json=dict(
            name='viaprofile', image='busybox', profiles=['nosuchprofile'])), 422)
        assert lxc('list', 'viaprofile', '--format', 'csv', project='default').stdout.strip() == ''
    finally:
        lxc('profile', 'delete', 'privileged-prof', project='default')


def test_admin_policy_allows_what_it_lists(unconfined):
    """[policy] admin_allowed lets admins set what it lists (here on an unrestricted project, as LXD
    must allow it too), and the audit log says so; what it does not list is still refused."""
    client = unconfined.client
    headers = as_user(unconfined, 'admin', ADMIN_PASSWORD, 'policy-allowed')
    try:
        made = client.post('/api/v1/containers', headers=headers, json=dict(
            name='nested', image='busybox', config={'security.nesting': 'true'}))
        assert made.status_code == 201, made.text
        assert made.json()['config']['security.nesting'] == 'true'
        privileged = client.post('/api/v1/containers', headers=headers, json=dict(
            name='privileged', image='busybox', config={'security.privileged': 'true'}))
        assert 'admins may not set security.privileged' in error(privileged, 403)
        operator = client.post('/api/v1/containers', headers=as_user(unconfined, 'op', 'operator password', 'op-n'),
                               json=dict(name='opnested', image='busybox', config={'security.nesting': 'true'}))
        assert 'operators may not set security.nesting' in error(operator, 403)
        with sqlite3.connect(ROOT + '/policy/api.db') as database:
            details = [row[0] for row in database.execute(
                "SELECT detail FROM audit_log WHERE request_id = 'policy-allowed' ORDER BY id")]
        assert details == ['policy allowed: security.nesting', 'policy refused: security.privileged']
        # A container that cannot start is not left behind half-made.
        broken = client.post('/api/v1/containers', headers=headers, json=dict(
            name='broken', image='busybox', start=True, config={'raw.lxc': 'lxc.init.cmd = /nonexistent'}))
        assert 'the instance this task created was deleted again' in error(broken, 422)
        assert lxc('list', 'broken', '--format', 'csv', project='default').stdout.strip() == ''
    finally:
        lxc('delete', '--force', 'nested', project='default', check=False)


@pytest.mark.parametrize('config, devices', [({key: value}, {}) for key, value in RISKY_CONFIG] + [
    ({}, {'hostroot': {'type': 'disk', 'source': '/', 'path': '/mnt/host'}}),
    ({}, {'kmsg': {'type': 'unix-char', 'source': '/dev/kmsg', 'path': '/dev/kmsg'}}),
])
def test_lxd_refuses_the_confined_credential_on_its_own(lxd, config, devices):
    """The second wall without the first: straight to LXD with the service's confined certificate."""
    with confined_lxd() as client:
        answer = client.post('/1.0/instances', params={'project': PROJECT}, json=dict(
            name='wall', source=dict(type='image', alias='busybox'), config=config, devices=devices))
        if answer.status_code == 202:  # refused when the operation runs, not when it is accepted
            done = client.get(answer.json()['operation'] + '/wait', params={'timeout': 60}).json()
            assert done['metadata']['status'] == 'Failure', done
            reason = done['metadata']['err']
        else:  # LXD 5.0 answers 500 for a project's restriction; the text says which
            assert answer.status_code >= 400, answer.text
            reason = answer.json()['error']
        assert 'forbidden' in reason.lower(), reason  # the project's restriction, not another fault
        assert client.get('/1.0/instances/wall', params={'project': PROJECT}).status_code == 404
    assert lxc('list', 'wall', '--format', 'csv').stdout.strip() == ''


def test_confined_credential_reaches_only_its_project(lxd):
    with confined_lxd() as client:
        assert client.get('/1.0/instances', params={'project': PROJECT}).status_code == 200
        assert client.get('/1.0/instances', params={'project': 'default'}).status_code == 403
        assert client.patch('/1.0', json={'config': {}}).status_code == 403


ODD_NAMES = ['a?b=1', 'a#b', 'br%d', '..', '.', 'ü', 'a\x01b', 'a b', '%2e%2e', 'x' * 300, 'a/b', 'a;b', "a'b"]
NAMED_ROUTES = [('GET', '/api/v1/containers/%s'), ('DELETE', '/api/v1/containers/%s'),
                ('POST', '/api/v1/containers/%s/start'), ('POST', '/api/v1/containers/%s/stop'),
                ('POST', '/api/v1/containers/%s/restart'), ('GET', '/api/v1/bridges/%s'),
                ('DELETE', '/api/v1/bridges/%s'), ('GET', '/api/v1/storage-pools/%s'),
                ('DELETE', '/api/v1/storage-pools/%s'), ('PUT', '/api/v1/users/%s'),
                ('DELETE', '/api/v1/users/%s'), ('POST', '/api/v1/api-keys/%s/rotate'),
                ('DELETE', '/api/v1/api-keys/%s')]


@pytest.mark.parametrize('name', ODD_NAMES)
def test_odd_names_are_never_a_5xx(admin, name):
    quoted = quote(name, safe='').replace('.', '%2E')  # sent as it is, not resolved as '.' or '..'
    for method, route in NAMED_ROUTES:
        answer = admin.request(method, route % quoted, json={'role': 'viewer'} if method == 'PUT' else None)
        assert 400 <= answer.status_code < 500 and answer.headers.get('x-request-id'), (method, route, answer.text)
    for path, body in (('/api/v1/containers', dict(name=name, image='busybox')),
                       ('/api/v1/containers', dict(name='oddimage', image=name)),
                       ('/api/v1/containers', dict(name='oddprofile', image='busybox', profiles=[name])),
                       ('/api/v1/bridges', dict(name=name)),
                       ('/api/v1/storage-pools', dict(name=name, driver='dir'))):
        answer = admin.post(path, json=body)
        assert 400 <= answer.status_code < 500 and answer.headers.get('x-request-id'), (path, body, answer.text)
    error(admin.get('/api/v1/containers/oddimage'), 404)
    error(admin.get('/api/v1/containers/oddprofile'), 404)


@pytest.mark.parametrize('image', ['busybox?recursion=1', 'busybox#x', 'busybox/../busybox', 'busybox%3F'])
def test_image_names_that_went_into_the_path(admin, image):
    message = error(admin.post('/api/v1/containers', json=dict(name='oddimage', image=image)), 422)
    assert 'invalid image' in message
    error(admin.get('/api/v1/containers/oddimage'), 404)


@pytest.mark.parametrize('image', ['images:debian/12', 'mirror:' + 'a' * 64])
def test_remote_images_stay_refused(admin, image):
    message = error(admin.post('/api/v1/containers', json=dict(name='remoteimage', image=image)), 422)
    assert "the API creates containers from the host's own images" in message
    error(admin.get('/api/v1/containers/remoteimage'), 404)


def test_missing_image_is_a_clear_error(admin):
    message = error(admin.post('/api/v1/containers', json=dict(name='noimage', image='no-such-image')), 422)
    assert 'neither an alias nor a fingerprint' in message


def test_request_id_on_every_refusal(service, admin):
    for answer, status in ((service.client.get('/nothere'), 404), (admin.get('/api/v1/nothere'), 404),
                           (service.client.put('/health'), 405), (admin.patch('/api/v1/containers'), 405)):
        error(answer, status)
    refused = service.client.options('/api/v1/containers', headers={
        'Origin': 'https://evil.example', 'Access-Control-Request-Method': 'POST'})
    assert refused.status_code == 400 and refused.headers.get('x-request-id'), refused.headers


@pytest.fixture
def uplink():
    """In the service's namespace, a veth that carries the default route (as a host's uplink does)."""
    run('ip', '-n', NS, 'link', 'add', 'armhvupl', 'type', 'veth', 'peer', 'name', 'armhvupl-p')
    for command in (('addr', 'add', '198.18.31.2/24', 'dev', 'armhvupl'), ('link', 'set', 'armhvupl', 'up'),
                    ('link', 'set', 'armhvupl-p', 'up'), ('route', 'add', 'default', 'via', '198.18.31.1')):
        run('ip', '-n', NS, *command)
    yield 'armhvupl'
    run('ip', '-n', NS, 'link', 'delete', 'armhvupl', check=False)


def test_uplink_and_request_address_are_refused_as_ports(admin, uplink):
    message = error(admin.post('/api/v1/bridges', json=dict(name='guardbr', ports=[uplink])), 409)
    assert 'armhvupl: it carries the default route' in message and '?force=true' in message
    message = error(admin.post('/api/v1/bridges', json=dict(name='guardbr', ports=['eth0'])), 409)
    assert 'eth0: it holds 198.18.30.2, the address this request came in on' in message
    error(admin.get('/api/v1/bridges/guardbr'), 404)
    forced = admin.post('/api/v1/bridges', params={'force': 'true'}, json=dict(name='guardbr', ports=[uplink]))
    assert forced.status_code == 201 and forced.json()['ports'] == [uplink], forced.text
    message = error(admin.delete('/api/v1/bridges/guardbr'), 409)
    assert 'bridge guardbr has port armhvupl attached' in message and '?force=true' in message
    assert admin.delete('/api/v1/bridges/guardbr', params={'force': 'true'}).status_code == 204
    error(admin.get('/api/v1/bridges/guardbr'), 404)


def test_a_request_http_cannot_parse_is_uvicorns_own_400(unconfined):
    """As docs/api.md says: uvicorn answers a malformed request before the application sees it, so that
    answer is the one without a request id (and no route, audit row or policy is reached)."""
    with socket.create_connection(('127.0.0.1', 18449), 10) as connection:
        connection.sendall(b'POST /api/v1/containers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')
        reply = b''
        while True:  # the headers and the body may come in separate packets; uvicorn then closes
            chunk = connection.recv(4096)
            if not chunk:
                break
            reply += chunk
        reply = reply.decode('latin-1')
    assert reply.startswith('HTTP/1.1 400') and 'x-request-id' not in reply.lower(), reply
    assert 'Invalid HTTP request received.' in reply, reply
