# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._pool import mount
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError


def share(**extra):
    params = dict(name='shared', driver='nfs', server='198.18.0.2', export='/srv/lxd', share=None,
                  mount_path=None, mount_opts=None, username=None, password=None)
    params.update(extra)
    return mount.share_from_params(params)


def cifs(**extra):
    return share(**dict(dict(driver='cifs', export=None, share='lxd', username='lxd', password='pa ss'), **extra))


def test_defaults_and_sources():
    nfs = share(mount_opts='vers=4.2, hard')
    assert nfs['mount_path'] == '/var/lib/armhv/mounts/shared'
    assert mount.source(nfs) == '198.18.0.2:/srv/lxd'
    assert mount.mount_options(nfs) == '_netdev,vers=4.2,hard'
    assert mount.source(cifs()) == '//198.18.0.2/lxd'
    assert mount.mount_options(cifs()) == '_netdev,credentials=/etc/armhv/credentials/cifs-shared'


@pytest.mark.parametrize('extra, message', [
    (dict(server=None), 'needs server and export'),
    (dict(export='srv/lxd'), 'absolute path on the NFS server'),
    (dict(username='u'), 'username and password are for cifs'),
    (dict(mount_path='/'), 'mount_path must be an absolute path'),
    (dict(mount_path='relative/dir'), 'mount_path must be an absolute path'),
    (dict(mount_opts='credentials=/root/x'), 'credentials=/root/x not allowed'),
    (dict(mount_opts='ro,user=a b'), 'not allowed'),
    (dict(driver='cifs', share=None, export=None), 'needs server and share'),
])
def test_share_refusals(extra, message):
    with pytest.raises(ArmhvError, match=message):
        share(**extra)


@pytest.mark.parametrize('path, name', [
    ('/var/lib/armhv/mounts/shared', 'var-lib-armhv-mounts-shared.mount'),
    ('/mnt/my-share', 'mnt-my\\x2dshare.mount'),
    ('/mnt/a b', 'mnt-a\\x20b.mount'),
    ('/srv/.hidden', 'srv-.hidden.mount'),
    ('/.x', '\\x2ex.mount'),
])
def test_unit_name_is_systemd_escape(path, name):
    assert mount.unit_name(path) == name


def test_unit_keeps_secrets_out():
    unit = mount.render_unit(cifs(mount_path='/mnt/smb'))
    assert 'What=//198.18.0.2/lxd\n' in unit and 'Where=/mnt/smb\n' in unit and 'Type=cifs\n' in unit
    assert 'Options=_netdev,credentials=/etc/armhv/credentials/cifs-shared\n' in unit
    assert 'pa ss' not in unit and 'lxd\npassword' not in unit
    assert 'WantedBy=remote-fs.target' in unit and 'After=network-online.target' in unit
    assert mount.render_credentials(cifs()) == 'username=lxd\npassword=pa ss\n'


def test_fstab_line_added_replaced_and_removed():
    original = 'UUID=1 / ext4 defaults 0 1\n'
    added = mount.fstab_with(original, share())
    assert added == original + '# armhv.hypervisor storage pool shared\n' \
        '198.18.0.2:/srv/lxd /var/lib/armhv/mounts/shared nfs _netdev 0 0\n'
    assert mount.fstab_with(added, share()) == added, 'rewriting is a no-op'
    changed = mount.fstab_with(added, share(mount_opts='hard'))
    assert changed.count('armhv.hypervisor storage pool shared') == 1 and '_netdev,hard' in changed
    assert mount.fstab_without(changed, share()) == original
    assert mount.fstab_with('no newline', share()).startswith('no newline\n#')


def test_fstab_escapes_spaces():
    assert mount.render_fstab_line(share(mount_path='/mnt/a b')).split()[1] == '/mnt/a\\040b'


MOUNTINFO = '''\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:50 / /var/lib/armhv/mounts/shared rw,relatime shared:20 - nfs4 198.18.0.2:/srv/lxd rw,vers=4.2
41 22 0:51 / /mnt/a\\040b rw,relatime - cifs \\\\198.18.0.2\\lxd rw
42 22 0:52 / /mnt/other rw - tmpfs tmpfs rw
'''


def test_parse_mountinfo_and_match():
    mounts = mount.parse_mountinfo(MOUNTINFO)
    assert mounts[2] == ('/mnt/a b', 'cifs', '\\\\198.18.0.2\\lxd')
    assert mount.mounted_share(mounts, share())
    assert mount.mounted_share(mounts, cifs(mount_path='/mnt/a b'))
    assert not mount.mounted_share(mounts, share(export='/srv/other')), 'another export is not the share'
    assert not mount.mounted_share(mounts, share(mount_path='/mnt/other')), 'a tmpfs is not the share'
    assert not mount.mounted_share(mounts, share(mount_path='/mnt/none'))


def test_a_later_mount_hides_the_share():
    hidden = MOUNTINFO + '43 40 0:53 / /var/lib/armhv/mounts/shared rw - tmpfs tmpfs rw\n'
    assert not mount.mounted_share(mount.parse_mountinfo(hidden), share())


def test_pool_source_and_facts():
    assert mount.pool_source(share(), 'node1') == '/var/lib/armhv/mounts/shared/node1'
    assert mount.mount_facts(cifs(), True) == dict(server='198.18.0.2', share='lxd', mounted=True,
                                                   mount_path='/var/lib/armhv/mounts/shared')
