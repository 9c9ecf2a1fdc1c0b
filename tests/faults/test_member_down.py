"""A cluster member's daemon dies while the collection works on the cluster: during rolling_upgrade and
during an evacuation. Three LXD members, one per network namespace (the integration tests' script, on
names and a network of their own: armhvfcN, 198.18.4.0/24), formed by the cluster playbook; each host
of the inventory reaches its member through that member's socket."""

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ARMED, BIN, HIT, REPO, ROOT, WRAPPER, arm, module_env, run, wait_for_hit

CLUSTER = ROOT + '/cluster'
SCRIPT = os.path.join(REPO, 'tests/integration/targets/setup_lxd_cluster/files/lxd-members.sh')
# The members' daemons find wrappers for rsync and mkfs.btrfs first on their PATH: armed, the first one
# run holds there (a migration, a btrfs pool's creation).
WRAPPERS = CLUSTER + '-bin'
ENV = dict(os.environ, ARMHV_CLUSTER_PREFIX='armhvfc', ARMHV_CLUSTER_NET='198.18.4',
           PATH=WRAPPERS + ':' + os.environ['PATH'])
MEMBERS = ('m1', 'm2', 'm3')
KILL_AFTER = CLUSTER + '/kill-after'
# Runs a module against the host's own member; armed (KILL_AFTER names a member), kills that member's
# daemon the moment the module is done, before the playbook's next task.
INTERPRETER = '''#!/bin/sh
LXD_DIR=%(cluster)s/%(member)s %(python)s "$@"
rc=$?
if [ -e %(kill)s ]; then victim=$(cat %(kill)s); rm -f %(kill)s; %(script)s stop %(cluster)s "${victim#m}"; fi
exit $rc
'''


def members_script(*args):
    return run(SCRIPT, *args, env=ENV)


def lxc(*args, member='m1', check=True):
    return run('lxc', *args, check=check, env=dict(os.environ, LXD_DIR='%s/%s' % (CLUSTER, member))).stdout.strip()


def playbook(name, *extra):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, 'build', 'collections'), ANSIBLE_NOCOLOR='1')
    done = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', CLUSTER + '/inventory.ini',
                           'armhv.hypervisor.' + name] + list(extra),
                          env=env, capture_output=True, text=True, check=False)
    assert 'Traceback' not in done.stdout + done.stderr, done.stdout + done.stderr
    return done.returncode, done.stdout + done.stderr


def inventory():
    lines = ['[hypervisors]']
    for n, member in enumerate(MEMBERS, 1):
        python = '%s/python-%s' % (CLUSTER, member)
        with open(python, 'w') as handle:
            handle.write(INTERPRETER % dict(cluster=CLUSTER, member=member, python=sys.executable,
                                            kill=KILL_AFTER, script=SCRIPT))
        os.chmod(python, 0o755)
        lines.append('%s cluster_member_address=198.18.4.1%d cluster_lxd_url=%s/%s/unix.socket host_daemon_dir=%s/%s '
                     'ansible_python_interpreter=%s' % (member, n, CLUSTER, member, CLUSTER, member, python))
    lines += ['', '[hypervisors:vars]', 'ansible_connection=local', 'cluster_client_cert=%s/client.crt' % CLUSTER,
              'cluster_client_key=%s/client.key' % CLUSTER, '']
    with open(CLUSTER + '/inventory.ini', 'w') as handle:
        handle.write('\n'.join(lines))


def status():
    """Each member's status, as the cluster (asked through m1) sees it."""
    listed = json.loads(lxc('query', '/1.0/cluster/members?recursion=1'))
    return dict((m['server_name'], m['status']) for m in listed)


def placed():
    """Each instance's member and state."""
    listed = json.loads(lxc('query', '/1.0/instances?recursion=1'))
    return dict((i['name'], (i['location'], i['status'])) for i in listed)


def wait_status(wanted, timeout=90):
    deadline = time.time() + timeout
    while status() != wanted:
        assert time.time() < deadline, status()
        time.sleep(1)


@pytest.fixture(scope='module')
def cluster():
    """The three members formed into a cluster, a dir pool on each, instances a1 on m1, a2 on m2, a3 and
    a4 on m3 (so that LXD moves m1's to m2, the least loaded), migrated on evacuation."""
    members_script('down', CLUSTER, '3')
    os.makedirs(CLUSTER)
    os.makedirs(WRAPPERS, exist_ok=True)
    for name in ('rsync', 'mkfs.btrfs'):
        with open(WRAPPERS + '/' + name, 'w') as handle:
            handle.write(WRAPPER % dict(armed=ARMED, hit=HIT, bin=WRAPPERS, name=name))
        os.chmod(WRAPPERS + '/' + name, 0o755)
    members_script('up', CLUSTER, '3')
    try:
        run('openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
            '-days', '2', '-subj', '/CN=armhv faults', '-keyout', CLUSTER + '/client.key', '-out', CLUSTER + '/client.crt')
        inventory()
        rc, out = playbook('cluster')
        assert rc == 0, out
        lxc('config', 'set', 'cluster.offline_threshold', '11')
        for member in MEMBERS:
            lxc('storage', 'create', 'local', 'dir', '--target', member)
        lxc('storage', 'create', 'local', 'dir')
        lxc('profile', 'device', 'add', 'default', 'root', 'disk', 'path=/', 'pool=local')
        image = CLUSTER + '/busybox.tar.gz'
        run('sh', os.path.join(REPO, 'roles/local_image/files/build-busybox-image.sh'), image)
        lxc('image', 'import', image, '--alias', 'busybox')
        for name, member in (('a1', 'm1'), ('a2', 'm2'), ('a3', 'm3'), ('a4', 'm3')):
            lxc('launch', 'busybox', name, '--target', member, '--config', 'cluster.evacuate=migrate')
        yield
    finally:
        members_script('down', CLUSTER, '3')


ONLINE = dict(m1='Online', m2='Online', m3='Online')
HOME = dict(a1=('m1', 'Running'), a2=('m2', 'Running'), a3=('m3', 'Running'), a4=('m3', 'Running'))


def test_member_down_during_rolling_upgrade(cluster):
    with open(KILL_AFTER, 'w') as handle:
        handle.write('m3')  # killed as soon as m1's evacuation is done
    rc, out = playbook('rolling_upgrade', '-e', 'rolling_upgrade_packages=false')
    print(out[-3000:])
    assert rc != 0
    assert 'm3' in out.split('fatal:')[-1], 'the failure names the member that went down'
    # The other two keep quorum (the cluster answers through m1) and run their instances.
    members = status()
    assert members['m1'] == 'Online' and members['m2'] == 'Online'
    now = placed()
    assert now['a1'] == ('m1', 'Running') and now['a2'] == ('m2', 'Running'), now
    members_script('start', CLUSTER, '3')
    wait_status(ONLINE)
    rc, out = playbook('rolling_upgrade', '-e', 'rolling_upgrade_packages=false')
    assert rc == 0, out
    assert status() == ONLINE
    assert placed() == HOME, 'every instance back on its member, running'


def task(member, module, args, background=False, check=False):
    """A module on the host of `member`, as a playbook's task runs it; its result (or the process)."""
    command = [os.path.join(BIN, 'ansible'), '-i', CLUSTER + '/inventory.ini', member, '-m',
               'armhv.hypervisor.' + module, '-a', json.dumps(args)] + (['--check'] if check else [])
    process = subprocess.Popen(command, env=module_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if background:
        return process
    return outcome(process, member)


def evacuate(member, state='evacuated', background=False):
    return task(member, 'hv_cluster', dict(server_name=member, state=state), background)


def outcome(process, member):
    out, err = process.communicate(timeout=600)
    assert 'Traceback' not in out + err, out + err
    return json.loads(out)['plays'][0]['tasks'][0]['hosts'][member]


def test_member_down_during_an_evacuation(cluster):
    """m2, where m1's instance is being moved, dies mid-migration."""
    assert status() == ONLINE and placed() == HOME
    arm()
    running = evacuate('m1', background=True)
    wait_for_hit()
    members_script('stop', CLUSTER, '2')
    run('pkill', '-KILL', '-f', WRAPPERS + '/', check=False)
    failed = outcome(running, 'm1')
    print('evacuation cut:', failed.get('msg'), status(), placed())
    assert failed['failed'] and failed['msg'].startswith('evacuating cluster member m1 failed: ')
    assert 'm1 is now ' in failed['msg'] and 'a rerun once the cause is fixed' in failed['msg']
    members = status()
    assert members['m3'] == 'Online'
    now = placed()
    assert now['a3'] == ('m3', 'Running') and now['a4'] == ('m3', 'Running'), now
    members_script('start', CLUSTER, '2')
    wait_status(dict(ONLINE, m1=members['m1']))
    print('m2 back:', status(), placed())
    rerun = evacuate('m1')
    print('rerun:', rerun)
    assert not rerun.get('failed'), rerun
    assert status() == dict(ONLINE, m1='Evacuated')
    now = placed()
    assert now['a1'][0] != 'm1' and now['a1'][1] == 'Running', now
    restored = evacuate('m1', state='restored')
    assert not restored.get('failed'), restored
    assert status() == ONLINE and placed() == HOME


def pool(state='present', background=False):
    """A btrfs pool on every member, made through m1."""
    return task('m1', 'storage_pool', dict(name='fast', driver='btrfs', size='256MiB', state=state), background)


def pool_status():
    """The pool's status on each member, or {} when the cluster has no such pool."""
    found = {}
    for member in MEMBERS:
        shown = json.loads(lxc('query', '/1.0/storage-pools/fast?target=' + member, check=False) or '{}')
        if shown:
            found[member] = shown.get('status')
    return found


def test_member_down_while_a_cluster_pool_is_created(cluster):
    """m1, which the task talks to, dies while LXD makes a btrfs pool on every member (the first
    member's mkfs.btrfs held)."""
    assert status() == ONLINE
    arm()
    running = pool(background=True)
    wait_for_hit()
    members_script('stop', CLUSTER, '1')
    run('pkill', '-KILL', '-f', WRAPPERS + '/', check=False)
    failed = outcome(running, 'm1')
    members_script('start', CLUSTER, '1')
    wait_status(ONLINE)
    print('cut:', failed.get('msg'), pool_status())
    assert failed['failed'] and failed['msg'].startswith('creating storage pool fast on the cluster failed: cannot '
                                                         'connect to LXD at ')
    assert failed['msg'].endswith('the pool may be left half made (pending on its members): the next run deletes '
                                  'and creates it again')
    assert pool_status() == dict(m1='Pending', m2='Pending', m3='Pending')
    checked = task('m1', 'storage_pool', dict(name='fast', driver='btrfs', size='256MiB'), check=True)
    assert checked['actions'] == ['delete', 'create'] and checked['changed']
    refused = pool()
    assert refused['failed'] and refused['msg'].startswith('LXD POST /1.0/storage-pools failed: Storage pool '
                                                           'directory "%s/m1/storage-pools/fast" already exists' % CLUSTER)
    assert refused['msg'].endswith('the half-made pool was deleted first (where LXD says a directory or file of the '
                                   'pool already exists, its interrupted creation left it on that member: remove it '
                                   'there, then rerun)')
    assert pool_status() == {}, 'the half-made pool is gone from every member'
    # What LXD's interrupted creation made on m1: the pool's directory and its loop-backed disk.
    shutil.rmtree(CLUSTER + '/m1/storage-pools/fast')
    os.remove(CLUSTER + '/m1/disks/fast.img')
    made = pool()
    assert not made.get('failed'), made
    assert made['actions'] == ['create']
    assert pool_status() == dict(m1='Created', m2='Created', m3='Created')
    assert not pool()['changed']
    assert pool(state='absent')['changed'] and pool_status() == {}
