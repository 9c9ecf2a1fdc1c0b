"""The instance policy's table row by row: every device class and variant that takes a container out of
its confinement, delivered in a profile the request names, in the default profile when it names none,
and in the body. Refused to operators by the API started with only [lxd] url (its policy the only wall,
on a project LXD does not restrict), and by LXD's restricted project through the confined credential
(the second wall, as the api role makes it)."""

import contextlib
import json
import os
import sqlite3

import httpx
import pytest

from conftest import (
    ADMIN_PASSWORD, HOST_BRIDGE, LXD_DIR, MANAGED_BRIDGE, MANAGED_MACVLAN, PROJECT, ROOT, confined_lxd, local_service,
    lxc, run)

OPEN = 'armhv-open'
SOCKET = LXD_DIR + '/unix.socket'
REFUSED = [
    ('proxy-to-daemon-socket', {'type': 'proxy', 'listen': 'unix:/tmp/x.sock', 'connect': 'unix:' + SOCKET,
                                'bind': 'container'}),
    ('proxy-bind-host', {'type': 'proxy', 'listen': 'tcp:0.0.0.0:2222', 'connect': 'tcp:127.0.0.1:22', 'bind': 'host'}),
    ('proxy-nat', {'type': 'proxy', 'nat': 'true', 'listen': 'tcp:198.18.30.2:2223', 'connect': 'tcp:0.0.0.0:22'}),
    ('nic-physical', {'type': 'nic', 'nictype': 'physical', 'parent': 'eth0'}),
    ('nic-macvlan', {'type': 'nic', 'nictype': 'macvlan', 'parent': 'eth0'}),
    ('nic-ipvlan', {'type': 'nic', 'nictype': 'ipvlan', 'parent': 'eth0'}),
    ('nic-sriov', {'type': 'nic', 'nictype': 'sriov', 'parent': 'eth0'}),
    ('nic-routed', {'type': 'nic', 'nictype': 'routed', 'parent': 'eth0'}),
    ('nic-host-bridge', {'type': 'nic', 'nictype': 'bridged', 'parent': HOST_BRIDGE}),
    ('nic-managed-macvlan', {'type': 'nic', 'network': MANAGED_MACVLAN}),
    ('unix-hotplug', {'type': 'unix-hotplug', 'vendorid': '1d6b'}),
    ('infiniband', {'type': 'infiniband', 'nictype': 'physical', 'parent': 'ib0'}),
    ('unix-char', {'type': 'unix-char', 'source': '/dev/kmsg', 'path': '/dev/kmsg'}),
    ('unix-block', {'type': 'unix-block', 'source': '/dev/loop0', 'path': '/dev/loop0'}),
    ('usb', {'type': 'usb', 'vendorid': '1d6b'}),
    ('gpu', {'type': 'gpu'}),
    ('pci', {'type': 'pci', 'address': '0000:00:01.0'}),
    ('disk-host-path', {'type': 'disk', 'source': '/', 'path': '/mnt/host'}),
    ('disk-host-file', {'type': 'disk', 'source': '/etc/shadow', 'path': '/mnt/shadow'}),
]
ALLOWED = [
    ('nic-managed-bridge', {'type': 'nic', 'network': MANAGED_BRIDGE, 'name': 'eth0'}),
    ('disk-from-pool', {'type': 'disk', 'pool': 'default', 'source': 'apivol', 'path': '/data'}),
]
# What the open service's [policy] lets admins have: these rows are allowed to admins there, and audited.
ADMIN_ALLOWED = ['proxy', 'disk']
WAYS = ['named profile', 'default profile', 'body']
# LXD's words for each refusal of a restricted project (LXD 5.0 and Incus alike).
LXD_REFUSALS = ('forbidden', 'Only managed network devices are allowed', 'Network not allowed in project')


def query(method, path, body=None, check=True):
    data = ['--data', json.dumps(body)] if body is not None else []
    return run('lxc', 'query', '-X', method, path, *data, env=dict(os.environ, LXD_DIR=LXD_DIR), check=check)


def profile_path(name):
    return '/1.0/profiles/%s?project=%s' % (name, OPEN)


@pytest.fixture(scope='module')
def open_project(lxd):
    """A project LXD does not restrict, with profiles of its own and the default project's images."""
    lxc('project', 'create', OPEN, '-c', 'features.images=false', '-c', 'features.profiles=true', project='default')
    lxc('profile', 'device', 'add', 'default', 'root', 'disk', 'path=/', 'pool=default', project=OPEN)
    lxc('storage', 'volume', 'create', 'default', 'apivol', project=OPEN)
    yield OPEN
    for name in lxc('list', '--format', 'csv', '-c', 'n', project=OPEN).stdout.split():
        lxc('delete', '--force', name, project=OPEN, check=False)
    lxc('storage', 'volume', 'delete', 'default', 'apivol', project=OPEN, check=False)
    for name in lxc('profile', 'list', '--format', 'csv', project=OPEN).stdout.split('\n'):
        if name and not name.startswith('default,'):
            lxc('profile', 'delete', name.split(',')[0], project=OPEN, check=False)
    lxc('profile', 'device', 'remove', 'default', 'root', project=OPEN, check=False)
    lxc('project', 'delete', OPEN, project='default', check=False)


@pytest.fixture(scope='module')
def open_service(open_project):
    """The service given only [lxd] url (and the project): the set-up where its policy is the only wall."""
    extra = 'project = "%s"\n\n[policy]\nadmin_allowed = %s\n' % (OPEN, json.dumps(ADMIN_ALLOWED))
    with local_service('open', 18451, extra) as found:
        yield found


@pytest.fixture(scope='module')
def users(open_service):
    """{'operator': client, 'admin': client} of the open service."""
    return dict((role, httpx.Client(base_url=open_service.client.base_url, timeout=180, headers={
        'Authorization': 'Bearer ' + open_service.token(user, password)}))
        for role, user, password in (('operator', 'op', 'operator password'), ('admin', 'admin', ADMIN_PASSWORD)))


def error(answer, status):
    assert answer.status_code == status, answer.text
    return answer.json()['error']['message']


def exists(name):
    return lxc('list', name, '--format', 'csv', '-c', 'n', project=OPEN).stdout.split() == [name]


def audit_detail(request_id):
    with sqlite3.connect(ROOT + '/open/api.db') as database:
        return database.execute('SELECT detail FROM audit_log WHERE request_id = ?', (request_id,)).fetchone()[0]


@contextlib.contextmanager
def profile(name, devices=None, config=None):
    lxc('profile', 'create', name, project=OPEN)
    try:
        query('PUT', profile_path(name), dict(config=config or {}, description='', devices=devices or {}))
        yield name
    finally:
        lxc('profile', 'delete', name, project=OPEN)


@contextlib.contextmanager
def delivered(way, row, device):
    """The request body's part that delivers `device` as `way` says; the profile it names meanwhile."""
    if way == 'body':
        yield 'dev', dict(devices=dict(dev=device))
    elif way == 'named profile':
        with profile('risk-' + row, dict(dev=device)) as name:
            yield name, dict(profiles=['default', name])
    else:
        before = json.loads(query('GET', profile_path('default')).stdout)
        query('PUT', profile_path('default'), dict(config=before['config'], description=before['description'],
                                                   devices=dict(before['devices'], dev=device)))
        try:
            yield 'default', {}
        finally:
            query('PUT', profile_path('default'), dict(config=before['config'], description=before['description'],
                                                       devices=before['devices']))


@pytest.mark.parametrize('way', WAYS)
@pytest.mark.parametrize('row, device', REFUSED, ids=[row for row, _device in REFUSED])
def test_every_row_is_refused_to_operators_every_way(users, row, device, way):
    kind = device['type']
    name = 'pol-' + row
    with delivered(way, row, device) as (where, body):
        for role, client in users.items():
            rid = 'table-%s-%s-%s' % (role, row, way.replace(' ', '-'))
            answer = client.post('/api/v1/containers', headers={'X-Request-ID': rid},
                                 json=dict(body, name=name, image='busybox'))
            if way == 'body':
                assert 'devices: Extra inputs are not permitted' in error(answer, 422)
            elif role == 'admin' and kind in ADMIN_ALLOWED:
                assert answer.status_code == 201, answer.text
                assert audit_detail(rid) == 'policy allowed: profile %s: device dev (%s)' % (where, kind)
                lxc('delete', '--force', name, project=OPEN)
            else:
                who = 'operators' if role == 'operator' else 'admins'
                expected = 'profile %s, device dev (%s): %s may not use %s devices' % (where, kind, who, kind)
                assert expected in error(answer, 403)
                assert audit_detail(rid) == 'policy refused: profile %s: device dev (%s)' % (where, kind)
            assert not exists(name)


@pytest.mark.parametrize('way', ['named profile', 'default profile'])
@pytest.mark.parametrize('row, device', ALLOWED, ids=[row for row, _device in ALLOWED])
def test_what_the_table_allows_operators(users, row, device, way):
    with delivered(way, row, device) as (_where, body):
        made = users['operator'].post('/api/v1/containers', json=dict(body, name='ok-' + row, image='busybox'))
        try:
            assert made.status_code == 201, made.text
            made = json.loads(query('GET', '/1.0/instances/ok-%s?project=%s' % (row, OPEN)).stdout)
            assert made['expanded_devices']['dev'] == device
        finally:
            lxc('delete', '--force', 'ok-' + row, project=OPEN, check=False)


def test_a_masked_or_overridden_risk_is_still_refused(users):
    operator = users['operator']
    with profile('risk-masked', dict(dev=REFUSED[0][1])), profile('masker', dict(dev=dict(type='none'))):
        answer = operator.post('/api/v1/containers', json=dict(
            name='masked', image='busybox', profiles=['default', 'risk-masked', 'masker']))
        assert 'profile risk-masked, device dev (proxy)' in error(answer, 403)
    with profile('privprof', config={'security.privileged': 'true'}):
        answer = operator.post('/api/v1/containers', json=dict(
            name='masked', image='busybox', profiles=['default', 'privprof'], config={'security.privileged': 'false'}))
        assert 'profile privprof, security.privileged: operators may not set security.privileged' in error(answer, 403)
    assert not exists('masked')


def test_start_and_restart_judge_the_instance_again(users):
    """A profile can change after the instance was made: starting it is judged on what it has now."""
    operator = users['operator']
    with profile('later'):
        made = operator.post('/api/v1/containers', json=dict(
            name='later', image='busybox', profiles=['default', 'later']))
        assert made.status_code == 201, made.text
        try:
            lxc('profile', 'device', 'add', 'later', 'kmsg', 'unix-char', 'source=/dev/kmsg', 'path=/dev/kmsg',
                project=OPEN)
            for action in ('start', 'restart'):
                answer = operator.post('/api/v1/containers/later/%s' % action)
                assert 'profile later, device kmsg (unix-char): operators may not use unix-char devices' \
                    in error(answer, 403)
            assert operator.get('/api/v1/containers/later').json()['status'] == 'Stopped'
            assert operator.post('/api/v1/containers/later/stop').status_code == 200
        finally:
            assert operator.delete('/api/v1/containers/later').status_code == 204


def test_a_profile_proxy_to_the_daemon_socket(users):
    """The attack as an operator made it before the policy judged profiles: a profile's proxy device
    puts LXD's own socket inside the container, which answers it as trusted (root on the host). Shown
    here with an admin the open service allows proxies; the operator's same request is refused."""
    device = dict(type='proxy', listen='tcp:127.0.0.1:8080', connect='unix:' + SOCKET, bind='container')
    with profile('sock', dict(s=device)):
        body = dict(image='busybox', profiles=['default', 'sock'], start=True)
        made = users['admin'].post('/api/v1/containers', json=dict(body, name='sockpeek'))
        assert made.status_code == 201, made.text
        try:
            seen = lxc('exec', 'sockpeek', '--', 'sh', '-c', 'ip link set lo up; wget -qO- http://127.0.0.1:8080/1.0',
                       project=OPEN).stdout
            assert '"auth":"trusted"' in seen.replace(' ', ''), seen[:300]
        finally:
            lxc('delete', '--force', 'sockpeek', project=OPEN)
        answer = users['operator'].post('/api/v1/containers', headers={'X-Request-ID': 'sock-op'},
                                        json=dict(body, name='sockop'))
        assert 'profile sock, device s (proxy): operators may not use proxy devices' in error(answer, 403)
        assert audit_detail('sock-op') == 'policy refused: profile sock: device s (proxy)'
    assert not exists('sockop')


def lxd_refusal(client, path, body):
    """LXD's reason for refusing `body` at `path` in the confined project (an operation or a sync error)."""
    answer = client.post(path, params={'project': PROJECT}, json=body)
    if answer.status_code == 202:
        done = client.get(answer.json()['operation'] + '/wait', params={'timeout': 60}).json()
        assert done['metadata']['status'] == 'Failure', done
        return done['metadata']['err']
    assert answer.status_code >= 400, answer.text
    return answer.json()['error']


@pytest.mark.parametrize('row, device', REFUSED, ids=[row for row, _device in REFUSED])
def test_the_restricted_project_refuses_every_row(lxd, row, device):
    """The second wall without the first: the confined credential straight to LXD, the device in the
    instance, and in a profile of the project the api role makes. LXD 5.0 lets the confined credential
    create such a profile (it checks a profile's update, not its creation), and refuses every instance
    that would have its device."""
    image = dict(type='image', alias='busybox')
    with confined_lxd() as client:
        reasons = [lxd_refusal(client, '/1.0/instances', dict(name='wall', source=image, devices=dict(dev=device)))]
        made = client.post('/1.0/profiles', params={'project': PROJECT}, json=dict(name='wallprof', devices=dict(dev=device)))
        try:
            if made.status_code == 201:
                reasons.append(lxd_refusal(client, '/1.0/instances', dict(
                    name='wall', source=image, profiles=['default', 'wallprof'])))
            else:
                reasons.append(made.json()['error'])
        finally:
            client.delete('/1.0/profiles/wallprof', params={'project': PROJECT})
        for reason in reasons:
            assert any(words in reason for words in LXD_REFUSALS), (row, reason)
        assert client.get('/1.0/instances/wall', params={'project': PROJECT}).status_code == 404


def test_the_restricted_project_allows_a_nic_on_the_managed_bridge(lxd):
    with confined_lxd() as client:
        answer = client.post('/1.0/instances', params={'project': PROJECT}, json=dict(
            name='bridged', source=dict(type='image', alias='busybox'), devices=dict(eth0=ALLOWED[0][1])))
        assert answer.status_code == 202, answer.text
        done = client.get(answer.json()['operation'] + '/wait', params={'timeout': 60}).json()
        assert done['metadata']['status'] == 'Success', done
    lxc('delete', '--force', 'bridged')


def test_an_isolated_idmap_is_allowed(service, admin):
    """security.idmap.isolated: "true" is the safer setting: allowed to operators by both walls."""
    made = admin.post('/api/v1/users', json=dict(username='idmap-op', password='operator password', role='operator'))
    assert made.status_code == 201, made.text
    operator = httpx.Client(base_url=service.client.base_url, verify=service.verify, timeout=180, headers={
        'Authorization': 'Bearer ' + service.token('idmap-op', 'operator password')})
    answer = operator.post('/api/v1/containers', json=dict(
        name='isolated', image='busybox', config={'security.idmap.isolated': 'true'}))
    try:
        assert answer.status_code == 201, answer.text
        assert answer.json()['config']['security.idmap.isolated'] == 'true'
    finally:
        lxc('delete', '--force', 'isolated', check=False)
    assert 'may not set security.idmap.base' in error(operator.post('/api/v1/containers', json=dict(
        name='isolated', image='busybox', config={'security.idmap.base': '0'})), 403)
