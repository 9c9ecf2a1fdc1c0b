# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import mount
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import mount_ops as ops
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Context, Run


def run_on(host, check_mode=False):
    """A Run whose context mounts through host (ensure_pool's, without its client)."""
    return Run(None, None, check_mode, Context(mounter=host))


class FakeHost:
    """A host whose mount commands succeed (the share shows up) or do nothing (it does not)."""

    def __init__(self, systemd, mounts_work=True):
        self._systemd = systemd
        self.mounts_work = mounts_work
        self.commands = []
        self.mounted = []

    def systemd(self):
        return self._systemd

    def mounts(self):
        return list(self.mounted)

    def run(self, args):
        self.commands.append(' '.join(args))
        if args[0] == 'mount' or args[:2] == ['systemctl', 'start']:
            if not self.mounts_work:
                raise ArmhvError('%s failed: mount error(113): No route to host' % ' '.join(args))
            self.mounted.append((self.share['mount_path'], 'nfs4' if self.share['kind'] == 'nfs' else 'cifs',
                                 mount.source(self.share)))
        if args[0] == 'umount' or args[1:3] == ['disable', '--now']:
            self.mounted = []


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setattr(ops, 'FSTAB', str(tmp_path / 'etc/fstab'))
    monkeypatch.setattr(ops, 'UNIT_DIR', str(tmp_path / 'etc/systemd/system'))
    monkeypatch.setattr(mount, 'CREDENTIALS_DIR', str(tmp_path / 'etc/armhv/credentials'))
    (tmp_path / 'etc').mkdir()
    (tmp_path / 'etc/fstab').write_text(u'UUID=1 / ext4 defaults 0 1\n')
    return tmp_path


def make_share(root, kind='cifs'):
    params = dict(name='shared', driver=kind, server='198.18.0.2', export='/srv/lxd' if kind == 'nfs' else None,
                  share='lxd' if kind == 'cifs' else None, mount_path=str(root / 'mnt/shared'), mount_opts=None,
                  username='lxd' if kind == 'cifs' else None, password='s3cret' if kind == 'cifs' else None)
    return mount.share_from_params(params)


def files_under(root):
    return sorted(os.path.relpath(os.path.join(d, f), str(root)) for d, _dirs, names in os.walk(str(root))
                  for f in names)


@pytest.mark.parametrize('systemd', [True, False])
def test_mount_persisted_then_a_rerun_does_nothing(root, systemd):
    share = make_share(root)
    host = FakeHost(systemd)
    host.share = share
    run = run_on(host)
    ops.ensure_mounted(run, share)
    assert run.actions == ['persist_mount', 'mount']
    creds = root / 'etc/armhv/credentials/cifs-shared'
    assert stat.S_IMODE(os.stat(str(creds)).st_mode) == 0o600 and 's3cret' in creds.read_text()
    if systemd:
        unit = root / 'etc/systemd/system' / mount.unit_name(share['mount_path'])
        assert 's3cret' not in unit.read_text()
        assert host.commands[-1] == 'systemctl start %s' % unit.name
    else:
        assert 'cifs _netdev,credentials=' in (root / 'etc/fstab').read_text()
        assert host.commands == ['mount %s' % share['mount_path']]
    again = run_on(host)
    ops.ensure_mounted(again, share)
    assert again.actions == [] and again.warnings == [] and run.warnings == []


@pytest.mark.parametrize('systemd', [True, False])
def test_a_share_that_does_not_mount_is_refused_and_nothing_is_left(root, systemd):
    share = make_share(root)
    host = FakeHost(systemd, mounts_work=False)
    host.share = share
    before = files_under(root)
    with pytest.raises(ArmhvError) as caught:
        ops.ensure_mounted(run_on(host), share)
    assert 'refusing to create or use storage pool shared' in caught.value.msg
    assert 'No route to host' in caught.value.msg and 's3cret' not in caught.value.msg
    assert files_under(root) == before
    assert (root / 'etc/fstab').read_text() == u'UUID=1 / ext4 defaults 0 1\n'
    assert not os.path.exists(share['mount_path'])


def test_check_mode_warns_it_cannot_test_the_mount(root):
    share = make_share(root, 'nfs')
    host = FakeHost(False)
    host.share = share
    run = run_on(host, check_mode=True)
    assert ops.ensure_mounted(run, share) == []
    assert run.actions == ['persist_mount', 'mount'] and 'cannot test whether' in run.warnings[0]
    assert host.commands == [] and 'armhv' not in (root / 'etc/fstab').read_text()


@pytest.mark.parametrize('systemd', [True, False])
def test_remove_share_takes_everything_away(root, systemd):
    share = make_share(root)
    host = FakeHost(systemd)
    host.share = share
    before = files_under(root)
    ops.ensure_mounted(run_on(host), share)
    run = run_on(host)
    ops.remove_share(run, share)
    assert run.actions == ['unmount', 'remove_mount']
    assert files_under(root) == before and host.mounted == []
    assert (root / 'etc/fstab').read_text() == u'UUID=1 / ext4 defaults 0 1\n'
    assert not os.path.exists(share['mount_path'])
    again = run_on(host)
    ops.remove_share(again, share)
    assert again.actions == []


def test_undo_puts_a_changed_file_back_with_its_mode(root):
    share = make_share(root, 'nfs')
    fstab = root / 'etc/fstab'
    os.chmod(str(fstab), 0o640)
    host = FakeHost(False)
    host.share = share
    undo = ops.ensure_mounted(run_on(host), share)
    ops.run_undo(undo)
    assert fstab.read_text() == u'UUID=1 / ext4 defaults 0 1\n' and stat.S_IMODE(os.stat(str(fstab)).st_mode) == 0o640


def test_a_refusal_removes_the_folders_it_made_too(root):
    share = make_share(root)
    host = FakeHost(True, mounts_work=False)
    host.share = share
    with pytest.raises(ArmhvError):
        ops.ensure_mounted(run_on(host), share)
    assert not (root / 'etc/armhv').exists() and not (root / 'etc/systemd').exists()
