"""The API under faults (LXD only): LXD killed while a create is in flight, then started again (the
service is not restarted); the database locked; the service killed mid-create. The moment is
made certain, not raced: the daemon runs with a wrapper for tar (which unpacks an image into a new
instance) first on its PATH, which, armed, holds the create there until released or killed."""

import os
import signal
import sqlite3
import threading
import time

import httpx
import pytest

from conftest import ROOT, lxc, own_service, run, run_lxd

WRAPPERS = ROOT + '/faults-bin'
ARMED = ROOT + '/faults-armed'
HIT = ROOT + '/faults-hit'
RELEASE = ROOT + '/faults-release'
WRAPPER = '''#!/bin/sh
if [ -e %(armed)s ]; then
  rm -f %(armed)s; touch %(hit)s
  for tick in $(seq 3000); do [ -e %(release)s ] && break; sleep 0.1; done
  rm -f %(release)s
fi
PATH=${PATH#%(bin)s:} exec tar "$@"
'''


@pytest.fixture(scope='module')
def faulty(pki, netns):
    os.makedirs(WRAPPERS, exist_ok=True)
    with open(WRAPPERS + '/tar', 'w') as handle:
        handle.write(WRAPPER % dict(armed=ARMED, hit=HIT, release=RELEASE, bin=WRAPPERS))
    os.chmod(WRAPPERS + '/tar', 0o755)
    with own_service('faults', 8452, pki, netns, wrappers=WRAPPERS) as (service, lxd_dir):
        client = httpx.Client(base_url=service.client.base_url, verify=service.verify, timeout=180,
                              headers={'Authorization': 'Bearer ' + service.token()})
        yield service, lxd_dir, client


def held_create(client, name):
    """POST a create that LXD holds mid-way; returns the thread and where its answer lands."""
    for path in (HIT,):
        if os.path.exists(path):
            os.remove(path)
    open(ARMED, 'w').close()
    answers = {}

    def create():
        try:
            answers['create'] = client.post('/api/v1/containers', headers={'X-Request-ID': 'create-' + name},
                                            json=dict(name=name, image='busybox', start=True))
        except httpx.TransportError as exc:  # the service was killed before answering
            answers['lost'] = str(exc)

    worker = threading.Thread(target=create)
    worker.start()
    deadline = time.time() + 60
    while not os.path.exists(HIT):
        assert worker.is_alive() and time.time() < deadline, answers
        time.sleep(0.05)
    return worker, answers


def recovered(client, timeout=30):
    deadline = time.time() + timeout
    while True:
        answer = client.get('/api/v1/containers')
        if answer.status_code == 200 or time.time() > deadline:
            return answer
        time.sleep(0.5)


def test_lxd_killed_while_a_create_is_in_flight(faulty):
    service, lxd_dir, client = faulty
    pid = service.process.pid
    worker, answers = held_create(client, 'cut1')
    os.killpg(service.lxd.pid, signal.SIGKILL)
    service.lxd.wait()
    # LXD runs its helpers in process groups of their own: the held wrapper outlives the kill.
    run('pkill', '-KILL', '-f', WRAPPERS + '/tar', check=False)
    worker.join(120)
    create = answers['create']
    print('in flight:', create.status_code, create.text)
    assert create.status_code == 503, create.text
    assert create.headers['x-request-id'] == 'create-cut1' == create.json()['error']['request_id']
    assert 'creating instance cut1 failed' in create.json()['error']['message']
    assert 'half made' in create.json()['error']['message']
    down = client.get('/api/v1/containers')
    assert down.status_code == 503 and down.json()['error']['request_id'] == down.headers['x-request-id']
    assert service.client.get('/ready').status_code == 503

    service.lxd = run_lxd(service.netns, lxd_dir, WRAPPERS)
    assert recovered(client).status_code == 200, 'the service reconnects by itself'
    assert service.client.get('/ready').status_code == 200
    assert service.process.pid == pid and service.process.poll() is None

    again = client.post('/api/v1/containers', headers={'X-Request-ID': 'create-cut1-again'},
                        json=dict(name='cut1', image='busybox', start=True))
    assert again.status_code == 201, again.text
    assert again.json()['status'] == 'Running'
    assert containers(lxd_dir) == ['cut1,RUNNING'], 'one instance, no duplicate'
    assert lxc('config', 'get', 'cut1', 'user.armhv.creating', lxd_dir=lxd_dir, project='default').stdout.strip() == ''
    audit = [row[:2] for row in audited_creates(client)]
    assert audit == [(201, 'create-cut1-again'), (503, 'create-cut1')], audit
    assert client.delete('/api/v1/containers/cut1').status_code == 204


def containers(lxd_dir):
    return lxc('list', '--format', 'csv', '-c', 'ns', lxd_dir=lxd_dir, project='default').stdout.split()


def operations(lxd_dir):
    """LXD's running operations, described."""
    return run('lxc', 'query', '/1.0/operations?recursion=1', env=dict(os.environ, LXD_DIR=lxd_dir)).stdout


def audited_creates(client):
    return [(row['status'], row['request_id'], row['detail']) for row in client.get('/api/v1/audit').json()
            if row['action'] == 'POST' and row['target'] == '/api/v1/containers']


def test_database_locked(faulty):
    """A writer holding the database past busy_timeout: changes get a clear 503 and are not made; reads
    go on; the changes completed before are all in the audit log."""
    service, lxd_dir, client = faulty
    before = client.post('/api/v1/containers', json=dict(name='lock0', image='busybox'))
    assert before.status_code == 201, before.text
    holder = sqlite3.connect(os.path.join(service.dir, 'api.db'), isolation_level=None)
    holder.execute('BEGIN EXCLUSIVE')
    try:
        refused = client.post('/api/v1/containers', json=dict(name='lock1', image='busybox'))
        assert client.get('/api/v1/containers').status_code == 200, 'reads are not blocked'
    finally:
        holder.execute('ROLLBACK')
        holder.close()
    assert refused.status_code == 503, refused.text
    message = refused.json()['error']['message']
    assert message == 'the audit log cannot be written (database is locked); nothing was changed', message
    assert refused.headers['x-request-id'] == refused.json()['error']['request_id']
    assert containers(lxd_dir) == ['lock0,STOPPED'], 'the refused change was not made'
    assert [row[:1] for row in audited_creates(client)][:1] == [(201,)]
    assert client.delete('/api/v1/containers/lock0').status_code == 204


def test_service_killed_mid_create(faulty):
    """SIGKILL of the service while LXD makes its instance, LXD then finishing: after a restart the
    audit log says the create was cut off, and a retry makes one instance, no duplicate."""
    service, lxd_dir, client = faulty
    worker, answers = held_create(client, 'cut2')
    service.process.send_signal(signal.SIGKILL)
    service.process.wait()
    worker.join(60)
    assert 'create' not in answers and answers['lost'], answers
    open(RELEASE, 'w').close()
    deadline = time.time() + 60
    while containers(lxd_dir) != ['cut2,STOPPED'] or 'Creating instance' in operations(lxd_dir):
        assert time.time() < deadline, (containers(lxd_dir), operations(lxd_dir))
        time.sleep(0.5)
    service.start(str(service.client.base_url), verify=service.verify)
    client.headers['Authorization'] = 'Bearer ' + service.token()
    cut = [row for row in audited_creates(client) if row[1] == 'create-cut2']
    assert cut == [(0, 'create-cut2', 'unfinished: the service stopped, or its database failed, before '
                    'answering; compare with LXD')], cut
    again = client.post('/api/v1/containers', headers={'X-Request-ID': 'create-cut2-again'},
                        json=dict(name='cut2', image='busybox', start=True))
    assert again.status_code == 201, again.text
    assert containers(lxd_dir) == ['cut2,RUNNING'], 'one instance, no duplicate'
    assert lxc('config', 'get', 'cut2', 'user.armhv.creating', lxd_dir=lxd_dir, project='default').stdout.strip() == ''
    assert audited_creates(client)[0][:2] == (201, 'create-cut2-again')
    assert client.delete('/api/v1/containers/cut2').status_code == 204


def test_database_read_only(faulty):
    """The database file read-only when the service starts (its filesystem remounted read-only, a restore
    that left it so): the service starts and serves reads; changes get a clear 503 and are not made; the
    changes completed before are in the audit log."""
    service, lxd_dir, client = faulty
    before = client.post('/api/v1/containers', headers={'X-Request-ID': 'create-ro0'},
                         json=dict(name='ro0', image='busybox'))
    assert before.status_code == 201, before.text
    service.stop()
    database = os.path.join(service.dir, 'api.db')
    run('mount', '--bind', database, database)
    try:
        run('mount', '-o', 'remount,bind,ro', database)
        service.start(str(service.client.base_url), verify=service.verify)
        refused = client.post('/api/v1/containers', json=dict(name='ro1', image='busybox'))
        listed = client.get('/api/v1/containers')
    finally:
        service.stop()
        run('umount', database)
    assert refused.status_code == 503, refused.text
    message = refused.json()['error']['message']
    assert message == 'the audit log cannot be written (attempt to write a readonly database); nothing was changed', message
    assert refused.headers['x-request-id'] == refused.json()['error']['request_id']
    assert listed.status_code == 200 and [c['name'] for c in listed.json()] == ['ro0'], listed.text
    assert 'the audit log cannot be written (attempt to write a readonly database)' in service.read_log()
    assert containers(lxd_dir) == ['ro0,STOPPED'], 'the refused change was not made'
    service.start(str(service.client.base_url), verify=service.verify)
    assert audited_creates(client)[0][:2] == (201, 'create-ro0')
    assert client.delete('/api/v1/containers/ro0').status_code == 204
