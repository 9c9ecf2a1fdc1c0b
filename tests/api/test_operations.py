"""Operations: readiness and migrations, metrics, JSON logs without secrets, rate limits, SIGTERM."""

import json
import os
import signal
import socket
import sqlite3
import ssl
import threading
import time

import httpx
import pytest

from conftest import ADMIN_PASSWORD, ROOT, SECRET, Service, config_text, lxc

LOCAL = 'http://127.0.0.1:18444'
STOPPING = 'http://127.0.0.1:18445'


@pytest.fixture(scope='module')
def local(lxd):
    """A second service on loopback (plain HTTP is allowed there), tight limits, a fresh database."""
    found = Service('local', config_text(ROOT + '/local/api.db', port=18444, limits=('40/minute', '5/minute', '100000/minute')))
    found.start(LOCAL)
    yield found
    found.stop()


def test_ready_needs_current_schema(local):
    waiting = local.client.get('/ready')
    assert waiting.status_code == 503
    assert waiting.json()['checks'] == {'schema': 'needs migration', 'lxd': 'reachable'}
    local.cli('migrate')
    assert local.client.get('/ready').status_code == 200
    local.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')


def tables(path):
    with sqlite3.connect(path) as database:
        return sorted(row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


def test_migrations_upgrade_and_downgrade(tmp_path):
    path = str(tmp_path / 'm.db')
    service = Service('migrations', config_text(path))
    service.cli('migrate', 'upgrade')
    assert tables(path) == ['alembic_version', 'api_keys', 'audit_log', 'ended_tokens', 'recovery_codes', 'users']
    service.cli('create-user', '--username', 'keep', '--role', 'viewer', stdin='twelve chars ok\n')
    service.cli('migrate', 'downgrade', '0001')
    assert tables(path) == ['alembic_version', 'api_keys', 'users']
    assert 'current 0001, head 0005' in service.cli('migrate', 'current').stdout
    service.cli('migrate', 'upgrade')
    assert tables(path) == ['alembic_version', 'api_keys', 'audit_log', 'ended_tokens', 'recovery_codes', 'users']
    with sqlite3.connect(path) as database:
        assert database.execute('SELECT username FROM users').fetchall() == [('keep',)]
        # A user from before identities (0003 dropped them on the way down) gets an id and generation 0.
        assert database.execute('SELECT length(id), generation FROM users').fetchall() == [(32, 0)]
    service.cli('migrate', 'downgrade', 'base')
    assert tables(path) == ['alembic_version']
    assert 'needs a revision' in service.cli('migrate', 'downgrade', check=False).stderr


def test_metrics(service, admin):
    lxc('init', 'busybox', 'counted')
    try:
        admin.get('/api/v1/containers')
        admin.get('/api/v1/containers/nothere')
        text = service.client.get('/metrics').text
    finally:
        lxc('delete', 'counted')
    assert 'armhv_api_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/containers",' \
           'status="200"}' in text
    assert 'armhv_api_request_errors_total{method="GET",route="/api/v1/containers/{name}",status="404"}' in text
    assert 'armhv_api_requests_in_flight 1.0' in text
    assert 'armhv_api_instances{status="Stopped"} 1.0' in text
    assert 'process_resident_memory_bytes' in text


def test_logs_are_json_with_request_ids_and_no_secrets(service, admin):
    admin.get('/api/v1/bridges', headers={'X-Request-ID': 'log-check-1'})
    lines = [json.loads(line) for line in service.read_log().splitlines()]
    assert lines and all('request_id' in line and 'level' in line for line in lines)
    assert any(line['request_id'] == 'log-check-1' and line.get('path') == '/api/v1/bridges' for line in lines)
    text = service.read_log()
    for secret in (SECRET, ADMIN_PASSWORD, admin.headers['authorization'][7:]):
        assert secret not in text


def test_rate_limits(local):
    token = local.token()
    key = httpx.post(LOCAL + '/api/v1/api-keys', json=dict(name='limited', role='viewer'),
                     headers={'Authorization': 'Bearer ' + token}).json()['key']
    answers = [local.client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + key})
               for attempt in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert 'rate limit exceeded (key)' in answers[-1].json()['error']['message']
    assert 1 <= int(answers[-1].headers['retry-after']) <= 60
    assert answers[-1].headers['x-request-id'] == answers[-1].json()['error']['request_id']
    limited = [local.client.get('/api/v1/containers') for attempt in range(40)]
    assert limited[-1].status_code == 429 and 401 in [a.status_code for a in limited]
    assert limited[-1].headers['x-request-id']
    # Health and readiness stay reachable for probes.
    assert local.client.get('/health').status_code == 200
    assert 'armhv_api_rate_limited_total{scope="address"}' in local.client.get('/metrics').text


def test_login_limit(lxd):
    """Logins have their own window per address, wrong passwords included."""
    logins = Service('logins', config_text(ROOT + '/logins/api.db', port=18448,
                                           limits=('100000/minute', '100000/minute', '3/minute')))
    logins.cli('migrate')
    logins.start('http://127.0.0.1:18448')
    try:
        answers = [logins.client.post('/api/v1/auth/token', json=dict(username='admin', password='wrong' * 4))
                   for attempt in range(4)]
        assert [a.status_code for a in answers] == [401] * 3 + [429]
        assert 'rate limit exceeded (login)' in answers[-1].json()['error']['message']
    finally:
        logins.stop()


def test_graceful_shutdown(lxd):
    """SIGTERM: the in-flight create finishes, new connections are refused, the process exits in time."""
    stopping = Service('stopping', config_text(ROOT + '/stopping/api.db', port=18445))
    stopping.cli('migrate')
    stopping.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')
    stopping.start(STOPPING)
    token = stopping.token()
    results = {}

    def create():
        results['answer'] = httpx.post(STOPPING + '/api/v1/containers', timeout=120,
                                       json=dict(name='inflight', image='busybox', start=True),
                                       headers={'Authorization': 'Bearer ' + token})

    worker = threading.Thread(target=create)
    worker.start()
    while 'armhv_api_requests_in_flight 2.0' not in httpx.get(STOPPING + '/metrics').text:
        assert worker.is_alive(), results
        time.sleep(0.05)
    started = time.time()
    stopping.process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    with pytest.raises(httpx.ConnectError):
        httpx.get(STOPPING + '/health')
    worker.join(60)
    assert results['answer'].status_code == 201, results['answer'].text
    # uvicorn re-raises SIGTERM once it has shut down cleanly: systemd counts that death as a clean stop.
    assert stopping.process.wait(30) in (0, -signal.SIGTERM)
    assert time.time() - started < 10 + 2
    assert 'RUNNING' in lxc('list', 'inflight', '--format', 'csv').stdout
    lxc('delete', '--force', 'inflight')


def test_request_timeout(lxd):
    """A request that outlasts client_timeout is answered 504 (here a stop the container ignores)."""
    # raw.lxc: the confined project refuses it, so this container and service use the default project.
    lxc('launch', 'busybox', 'stubborn', '--config', 'raw.lxc=lxc.signal.halt=SIGUSR1', project='default')
    slow = Service('slow', config_text(ROOT + '/slow/api.db', port=18446, confined=False).replace(
        'shutdown_timeout = 10', 'shutdown_timeout = 10\nclient_timeout = 2'))
    slow.cli('migrate')
    slow.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')
    slow.start('http://127.0.0.1:18446')
    try:
        started = time.time()
        answer = slow.client.post('/api/v1/containers/stubborn/stop', headers={'Authorization': 'Bearer ' + slow.token()})
        assert answer.status_code == 504, answer.text
        assert 'no answer within 2.0 s' in answer.json()['error']['message']
        assert time.time() - started < 10
    finally:
        lxc('delete', '--force', 'stubborn', project='default')
        slow.stop()
    # A service without a confined credential starts, and says that its own policy is the only wall.
    assert 'the API\'s own policy is the only wall' in slow.read_log()


LENIENT_OPENSSL = '''openssl_conf = init
[init]
ssl_conf = ssl
[ssl]
system_default = lenient
[lenient]
MinProtocol = TLSv1
CipherString = DEFAULT:@SECLEVEL=0
'''


@pytest.fixture(scope='module')
def lenient(pki):
    """The service over TLS on loopback, under an OpenSSL configuration that allows TLS 1.0 and 1.1."""
    found = Service('lenient', config_text(ROOT + '/lenient/api.db', port=18447, tls=pki))
    with open(os.path.join(found.dir, 'openssl.cnf'), 'w') as handle:
        handle.write(LENIENT_OPENSSL)
    found.start('https://127.0.0.1:18447', verify=False,
                env=dict(os.environ, OPENSSL_CONF=os.path.join(found.dir, 'openssl.cnf')))
    yield found
    found.stop()


@pytest.mark.parametrize('version', ['TLSv1', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'])
def test_tls_below_1_2_refused_even_where_openssl_allows_it(lenient, pki, version):
    # Fails when the service's TLS context lets 1.0 or 1.1 through (checked by lowering its minimum
    # together with its security level); Python's default security level refuses them as well.
    client = ssl.create_default_context(cafile=pki + '/ca.crt')
    client.check_hostname = False
    client.set_ciphers('DEFAULT:@SECLEVEL=0')
    client.minimum_version = client.maximum_version = getattr(ssl.TLSVersion, version)
    with socket.create_connection(('127.0.0.1', 18447), timeout=10) as raw:
        if version in ('TLSv1', 'TLSv1_1'):
            # The server ends the handshake (uvicorn sends no alert); a client that could not offer the
            # version would fail before sending, with another error.
            with pytest.raises(ssl.SSLError, match='UNEXPECTED_EOF|ALERT_PROTOCOL_VERSION'):
                client.wrap_socket(raw)
        else:
            with client.wrap_socket(raw) as tls:
                assert tls.version() == version.replace('_', '.')
