"""The management API under test: the installed service (scripts/api-venv) against a real LXD daemon and
real netlink, both inside a network namespace made here (198.18.30.0/24), over TLS from our own CA."""

import contextlib
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import time

import httpx
import pytest
import yaml

from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import project_restrictions

NS = 'armhvapi'
HOST_ADDRESS = '198.18.30.1'
SERVICE_ADDRESS = '198.18.30.2'
ROOT = '/var/tmp/armhv-api-test'
LXD_DIR = ROOT + '/lxd'
SECRET = 'test-secret-' + 'x' * 40
ADMIN_PASSWORD = 'admin password for tests'
BIN = os.path.dirname(sys.executable)
COLLECTION = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
# What the api role sets up on a host: LXD on HTTPS, the project LXD restricts (the role's own list), and
# a client certificate trusted for that project only; the shared daemon's services write through it.
PROJECT = 'armhv-api'
LXD_HTTPS = SERVICE_ADDRESS + ':8443'
CONFINED = ROOT + '/confined'
# Networks of the shared daemon: a managed bridge the project allows nics on (api_lxd_networks), a
# managed macvlan network, and a plain Linux bridge of the host.
MANAGED_BRIDGE = 'lxdnet0'
MANAGED_MACVLAN = 'lxdmv0'
HOST_BRIDGE = 'hostbr0'
with open(os.path.join(COLLECTION, 'roles/api/vars/main.yml')) as _vars:
    PROJECT_CONFIG = dict(project_restrictions((), [MANAGED_BRIDGE]),
                          **yaml.safe_load(_vars)['__api_project_features'])
with open(os.path.join(COLLECTION, 'roles/api/defaults/main.yml')) as _defaults:
    PROFILE_DEVICES = yaml.safe_load(_defaults)['api_lxd_profile_devices']


def run(*command, env=None, check=True, stdin=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env, input=stdin, check=False)
    if check and result.returncode:
        raise AssertionError('%s failed (%s): %s%s' % (' '.join(command), result.returncode, result.stdout,
                                                       result.stderr))
    return result


def lxc(*args, check=True, lxd_dir=LXD_DIR, project=None):
    """lxc against a daemon; on the shared one, in the confined services' project unless told."""
    project = project or (PROJECT if lxd_dir == LXD_DIR else 'default')
    return run('lxc', '--project', project, *args, env=dict(os.environ, LXD_DIR=lxd_dir), check=check)


def in_ns(*command):
    return run('ip', 'netns', 'exec', NS, *command)


@pytest.fixture(scope='session')
def netns():
    teardown_netns()
    run('ip', 'netns', 'add', NS)
    run('ip', 'link', 'add', 'armhvapi-h', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NS)
    run('ip', 'addr', 'add', HOST_ADDRESS + '/24', 'dev', 'armhvapi-h')
    run('ip', 'link', 'set', 'armhvapi-h', 'up')
    for command in (('link', 'set', 'lo', 'up'), ('addr', 'add', SERVICE_ADDRESS + '/24', 'dev', 'eth0'),
                    ('link', 'set', 'eth0', 'up')):
        run('ip', '-n', NS, *command)
    yield NS
    teardown_netns()


def teardown_netns():
    run('ip', 'netns', 'delete', NS, check=False)
    run('ip', 'link', 'delete', 'armhvapi-h', check=False)


def start_lxd(netns=None, lxd_dir=LXD_DIR, wrappers=None):
    """An LXD daemon of its own (own LXD_DIR, in netns if given) with a dir pool and a busybox image;
    wrappers: a folder put first on the daemon's PATH (the fault tests hold a change there)."""
    stop_lxd(lxd_dir=lxd_dir)
    os.makedirs(lxd_dir)
    daemon = run_lxd(netns, lxd_dir, wrappers)
    lxc('storage', 'create', 'default', 'dir', lxd_dir=lxd_dir, project='default')
    lxc('profile', 'device', 'add', 'default', 'root', 'disk', 'path=/', 'pool=default', lxd_dir=lxd_dir,
        project='default')
    image = ROOT + '/busybox.tar.gz'
    if not os.path.exists(image):
        run('sh', os.path.join(COLLECTION, 'roles/local_image/files/build-busybox-image.sh'), image)
    lxc('image', 'import', image, '--alias', 'busybox', lxd_dir=lxd_dir, project='default')
    return daemon


def run_lxd(netns, lxd_dir, wrappers=None):
    """The daemon process on lxd_dir, ready; its own session, so a fault test can kill it whole."""
    env = dict(os.environ, LXD_DIR=lxd_dir)
    if wrappers:
        env['PATH'] = wrappers + ':' + env['PATH']
    prefix = ['ip', 'netns', 'exec', netns] if netns else []
    daemon = subprocess.Popen(prefix + ['lxd', '--group', 'root', '--logfile', lxd_dir + '.log'], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    run('lxd', 'waitready', '--timeout', '60', env=env)
    return daemon


def confine():
    """The shared daemon: HTTPS on the namespace's address, the restricted project, the trusted
    restricted certificate."""
    lxc('config', 'set', 'core.https_address', LXD_HTTPS, project='default')
    lxc('network', 'create', MANAGED_BRIDGE, 'ipv4.address=198.18.32.1/24', 'ipv4.nat=false', 'ipv6.address=none',
        project='default')
    lxc('network', 'create', MANAGED_MACVLAN, '--type=macvlan', 'parent=eth0', project='default')
    in_ns('ip', 'link', 'add', HOST_BRIDGE, 'type', 'bridge')
    lxc('project', 'create', PROJECT, *[arg for item in PROJECT_CONFIG.items() for arg in ('-c', '%s=%s' % item)],
        project='default')
    run('lxc', 'query', '-X', 'PUT', '/1.0/profiles/default?project=' + PROJECT, '--data',
        json.dumps(dict(config={}, description='', devices=PROFILE_DEVICES)), env=dict(os.environ, LXD_DIR=LXD_DIR))
    os.makedirs(CONFINED)
    run('openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-days', '2', '-subj', '/CN=armhv-api confined', '-keyout', CONFINED + '/client.key',
        '-out', CONFINED + '/client.crt')
    lxc('config', 'trust', 'add', CONFINED + '/client.crt', '--restricted', '--projects', PROJECT,
        project='default')


@contextlib.contextmanager
def confined_lxd():
    """LXD's HTTPS API with the restricted certificate, as the service holds it."""
    context = ssl.create_default_context(cafile=LXD_DIR + '/server.crt')
    context.check_hostname = False  # LXD's own certificate, pinned as the only CA; it names no address
    context.load_cert_chain(CONFINED + '/client.crt', CONFINED + '/client.key')
    with httpx.Client(base_url='https://%s' % LXD_HTTPS, verify=context, timeout=60) as client:
        yield client


def stop_lxd(daemon=None, lxd_dir=LXD_DIR):
    if os.path.exists(lxd_dir + '/unix.socket'):
        run('lxd', 'shutdown', '--timeout', '60', env=dict(os.environ, LXD_DIR=lxd_dir), check=False)
    if daemon:
        daemon.kill()
    # LXD keeps its managed networks' dnsmasq running across a daemon restart: end this daemon's.
    run('pkill', '-f', 'dnsmasq .*%s/networks/' % lxd_dir, check=False)
    with open('/proc/self/mounts') as mounts:
        for path in sorted((line.split()[1] for line in mounts if ' %s/' % lxd_dir in line), reverse=True):
            run('umount', '-l', path, check=False)
    shutil.rmtree(lxd_dir, ignore_errors=True)


@pytest.fixture(scope='session')
def lxd(netns):
    shutil.rmtree(ROOT, ignore_errors=True)
    daemon = start_lxd(netns)
    try:
        confine()
        yield LXD_DIR + '/unix.socket'
    finally:
        stop_lxd(daemon)
        shutil.rmtree(ROOT, ignore_errors=True)


@pytest.fixture(scope='session')
def pki(lxd):
    """A CA and the service's certificate for its address in the namespace."""
    pki = ROOT + '/pki'
    os.makedirs(pki)
    run('openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-days', '2', '-subj', '/CN=armhv test CA', '-keyout', pki + '/ca.key', '-out', pki + '/ca.crt')
    run('openssl', 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj',
        '/CN=' + SERVICE_ADDRESS, '-keyout', pki + '/api.key', '-out', pki + '/api.csr')
    with open(pki + '/san.ext', 'w') as ext:
        ext.write('subjectAltName=IP:%s\n' % SERVICE_ADDRESS)
    run('openssl', 'x509', '-req', '-in', pki + '/api.csr', '-CA', pki + '/ca.crt', '-CAkey', pki + '/ca.key',
        '-CAcreateserial', '-days', '2', '-extfile', pki + '/san.ext', '-out', pki + '/api.crt')
    return pki


class Service:
    """One running `armhv-api serve`, its configuration and its log."""

    def __init__(self, name, config, netns=None):
        self.dir = os.path.join(ROOT, name)
        os.makedirs(self.dir, exist_ok=True)
        self.config = os.path.join(self.dir, 'config.toml')
        with open(self.config, 'w') as handle:
            handle.write(config)
        self.log = os.path.join(self.dir, 'service.log')
        self.netns = netns
        self.process = None

    def cli(self, *args, stdin=None, check=True):
        return run(os.path.join(BIN, 'armhv-api'), '--config', self.config, *args, stdin=stdin, check=check)

    def start(self, url, verify=True, env=None):
        prefix = ['ip', 'netns', 'exec', self.netns] if self.netns else []
        with open(self.log, 'a') as log:
            self.process = subprocess.Popen(prefix + [os.path.join(BIN, 'armhv-api'), '--config', self.config,
                                                      'serve'], stdout=log, stderr=log, env=env)
        self.verify = verify
        self.client = httpx.Client(base_url=url, verify=verify, timeout=180)
        deadline = time.time() + 30
        while True:
            try:
                if self.client.get('/health').status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            assert self.process.poll() is None and time.time() < deadline, self.read_log()
            time.sleep(0.2)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)

    def read_log(self):
        with open(self.log) as handle:
            return handle.read()

    def token(self, username='admin', password=ADMIN_PASSWORD):
        answer = self.client.post('/api/v1/auth/token', json=dict(username=username, password=password))
        assert answer.status_code == 200, answer.text
        return answer.json()['access_token']


def config_text(database, host='127.0.0.1', port=8444, tls=None, extra='', limits=('100000/minute',) * 3,
                lxd_dir=LXD_DIR, confined=None, auth=''):
    """Generous rate limits unless a test asks for tight ones: no test may run into another's window.
    Services of the shared daemon write through the confined credential unless confined=False. auth goes
    on at the end of the [auth] section."""
    text = ('[server]\nhost = "%s"\nport = %d\nshutdown_timeout = 10\n\n[auth]\njwt_secret = "%s"\nkey_grace_seconds = 3\n%s\n'
            '[database]\npath = "%s"\n\n[rate_limit]\nper_address = "%s"\nper_key = "%s"\nlogin = "%s"\n\n'
            '[lxd]\nurl = "%s/unix.socket"\n'
            % ((host, port, SECRET, auth, database) + tuple(limits) + (lxd_dir,)))
    if lxd_dir == LXD_DIR if confined is None else confined:
        text += ('project = "%s"\nserver_cert = "%s/server.crt"\nconfined_url = "https://%s"\n'
                 'confined_cert = "%s/client.crt"\nconfined_key = "%s/client.key"\n'
                 % (PROJECT, LXD_DIR, LXD_HTTPS, CONFINED, CONFINED))
    if tls:
        text += '\n[tls]\ncert = "%s/api.crt"\nkey = "%s/api.key"\n' % (tls, tls)
    return text + extra


@pytest.fixture(scope='session')
def service(pki, netns):
    """The service on the namespace's address over TLS, migrated, with an admin from create-user."""
    found = Service('main', config_text(ROOT + '/main/api.db', host=SERVICE_ADDRESS, tls=pki,
                                        extra='\n[cors]\norigins = ["https://console.example"]\n'), netns)
    found.cli('migrate')
    found.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')
    found.start('https://%s:8444' % SERVICE_ADDRESS, verify=ssl.create_default_context(cafile=pki + '/ca.crt'))
    yield found
    found.stop()


@contextlib.contextmanager
def local_service(name, port, extra, auth='', limits=('100000/minute',) * 3,
                  users=(('admin', 'admin', ADMIN_PASSWORD), ('op', 'operator', 'operator password'))):
    """A service on 127.0.0.1:port of the shared daemon with only [lxd] url (no confined credential) and
    its users (name, role, password: an admin and an operator `op` unless told); extra goes on at the end
    of its [lxd] section, auth of its [auth] one."""
    found = Service(name, config_text(os.path.join(ROOT, name, 'api.db'), port=port, confined=False, extra=extra,
                                      auth=auth, limits=limits))
    found.cli('migrate')
    for username, role, password in users:
        found.cli('create-user', '--username', username, '--role', role, stdin=password + '\n')
    found.start('http://127.0.0.1:%d' % port)
    try:
        yield found
    finally:
        found.stop()


@pytest.fixture(scope='session')
def admin(service):
    """An httpx client of the service that sends the admin's token."""
    token = service.token()
    return httpx.Client(base_url=service.client.base_url, verify=service.verify, timeout=180,
                        headers={'Authorization': 'Bearer ' + token})


@contextlib.contextmanager
def own_service(name, port, pki, netns, wrappers=None):
    """A service in the namespace over TLS with an LXD daemon of its own, for a test that changes what
    other tests read (clustering, fuzzing, faults): yields (service, that daemon's LXD_DIR); the daemon's
    process is the service's `lxd`."""
    lxd_dir = os.path.join(ROOT, name + '-lxd')
    daemon = start_lxd(netns, lxd_dir, wrappers)
    found = None
    try:
        found = Service(name, config_text(os.path.join(ROOT, name, 'api.db'), host=SERVICE_ADDRESS, port=port,
                                          tls=pki, lxd_dir=lxd_dir), netns)
        found.lxd = daemon
        found.cli('migrate')
        found.cli('create-user', '--username', 'admin', '--role', 'admin', stdin=ADMIN_PASSWORD + '\n')
        found.start('https://%s:%d' % (SERVICE_ADDRESS, port),
                    verify=ssl.create_default_context(cafile=pki + '/ca.crt'))
        try:
            yield found, lxd_dir
        finally:
            found.stop()
    finally:
        stop_lxd(found.lxd if found else daemon, lxd_dir)
