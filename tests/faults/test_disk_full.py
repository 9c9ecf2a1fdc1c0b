"""A full disk: a small loop-backed ext4 filesystem under a pool, a small tmpfs under the backups. The
create that does not fit fails and leaves nothing; an export that does not fit leaves no archive that
retention would count, and retention never deletes the last good one."""

import glob
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import BIN, LXD_DIR, REPO, ROOT, SOCKET, lxc, module, run

SMALL = ROOT + '/small'
BACKUPS = ROOT + '/backups'
FILLER = 'filler'


def fill(path, leave):
    """Take all of path's filesystem but `leave` bytes."""
    stat = os.statvfs(path)
    size = stat.f_bavail * stat.f_frsize - leave
    run('fallocate', '-l', str(size), os.path.join(path, FILLER))


def unfill(path):
    os.remove(os.path.join(path, FILLER))


def seen_by(daemon):
    """`ip netns exec` gave the daemon a mount namespace of its own: restart it to see a new mount."""
    daemon.stop()
    daemon.start()


@pytest.fixture(scope='module')
def small_pool(daemon):
    """A 32 MiB ext4 loop filesystem with a dir pool on it."""
    os.makedirs(SMALL)
    run('truncate', '-s', '32M', ROOT + '/small.img')
    run('mkfs.ext4', '-q', '-m', '0', ROOT + '/small.img')
    run('mount', '-o', 'loop', ROOT + '/small.img', SMALL)
    os.makedirs(SMALL + '/pool')
    seen_by(daemon)
    try:
        lxc('storage', 'create', 'small', 'dir', 'source=%s/pool' % SMALL)
        yield 'small'
        lxc('storage', 'delete', 'small', check=False)
    finally:
        run('umount', SMALL, check=False)


@pytest.fixture(scope='module')
def backups(daemon):
    """An 8 MiB tmpfs for backup_dir."""
    os.makedirs(BACKUPS)
    run('mount', '-t', 'tmpfs', '-o', 'size=8M,mode=0700', 'tmpfs', BACKUPS)
    seen_by(daemon)
    try:
        yield BACKUPS + '/armhv'
    finally:
        run('umount', BACKUPS, check=False)


def test_create_on_a_full_pool(small_pool):
    args = dict(name='full1', image='busybox', state='started', url=SOCKET,
                devices=dict(root=dict(type='disk', path='/', pool=small_pool)))
    fill(SMALL, 128 * 1024)
    failed = module('armhv.hypervisor.lxc_container', args)
    print('failed run:', failed['msg'])
    assert failed['failed']
    assert 'creating instance full1' in failed['msg'] or 'full1' in failed['msg']
    assert 'no space left on device' in failed['msg'].lower()
    assert lxc('list', '--format', 'csv', '-c', 'n') == ''
    assert lxc('storage', 'volume', 'list', small_pool, '--format', 'csv', '-c', 'n') == ''
    unfill(SMALL)
    rerun = module('armhv.hypervisor.lxc_container', args)
    assert not rerun.get('failed'), rerun
    assert rerun['changed'] and rerun['instance']['status'] == 'Running'
    assert not module('armhv.hypervisor.lxc_container', args)['changed']
    lxc('delete', '--force', 'full1')


def backup(backup_dir, **extra):
    """The backup playbook against the test's LXD, as an operator runs it; (rc, output)."""
    variables = dict(host_daemon_dir=LXD_DIR, backup_dir=backup_dir, backup_snapshot_expiry='',
                     backup_export_keep=1, backup_control_plane_keep=0, backup_pki_dir=ROOT + '/no-pki',
                     backup_api_database=ROOT + '/no-api.db', backup_api_config_dir=ROOT + '/no-api')
    variables.update(extra)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, 'build', 'collections'),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_NOCOLOR='1')
    done = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
                           'armhv.hypervisor.backup', '-e', json.dumps(variables)],
                          env=env, capture_output=True, text=True, check=False)
    assert 'Traceback' not in done.stdout + done.stderr
    return done.returncode, done.stdout + done.stderr


def listing(backup_dir):
    """Every file under backup_dir, hidden ones too, relative to it."""
    found = []
    for folder, dummy, files in os.walk(backup_dir):
        found.extend(os.path.relpath(os.path.join(folder, name), backup_dir) for name in files)
    return sorted(found)


def test_export_to_a_full_disk(backups):
    lxc('launch', 'busybox', 'keep1')
    try:
        rc, out = backup(backups)
        assert rc == 0, out
        good = listing(backups)
        assert len(good) == 1 and good[0].startswith('instances/keep1-'), good
        fill(BACKUPS, 64 * 1024)
        rc, out = backup(backups)
        print(out[-2500:], listing(backups))
        assert rc != 0
        assert 'exporting instance keep1 failed' in out and 'no space left on device' in out.lower()
        assert listing(backups) == good, 'no partial archive is left'
        # The full disk stays full: retention must not make room by deleting the last good export.
        rc, out = backup(backups)
        assert rc != 0 and listing(backups) == good
        unfill(BACKUPS)
        rc, out = backup(backups)
        assert rc == 0, out
        after = listing(backups)
        assert len(after) == 1 and after != good, 'a new export, the old one deleted by retention (keep 1)'
    finally:
        lxc('delete', '--force', 'keep1')
        if os.path.exists(os.path.join(BACKUPS, FILLER)):
            unfill(BACKUPS)
        shutil.rmtree(backups, ignore_errors=True)


def test_control_plane_archive_to_a_full_disk(backups):
    rc, out = backup(backups, backup_export_keep=0, backup_control_plane_keep=1)
    assert rc == 0, out
    good = listing(backups)
    assert len(good) == 1 and good[0].startswith('control-plane/control-plane-'), good
    fill(BACKUPS, 16 * 1024)
    try:
        rc, out = backup(backups, backup_export_keep=0, backup_control_plane_keep=1)
        print(out[-1500:])
        assert rc != 0
        assert 'control-plane archive failed' in out
        assert listing(backups) == good, 'neither the dumps nor a partial archive are left'
        assert glob.glob(backups + '/control-plane/*/') == []
    finally:
        unfill(BACKUPS)
    rc, out = backup(backups, backup_export_keep=0, backup_control_plane_keep=1)
    assert rc == 0, out
    assert len(listing(backups)) == 1
