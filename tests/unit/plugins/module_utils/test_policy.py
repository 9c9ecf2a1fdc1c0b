# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import risky_key, risky_settings


@pytest.mark.parametrize('key, entry', [
    ('security.privileged', 'security.privileged'), ('raw.lxc', 'raw.'), ('raw.idmap', 'raw.'),
    ('security.idmap.isolated', 'security.idmap.'), ('security.syscalls.intercept.mount', 'security.syscalls.intercept.'),
    ('linux.kernel_modules', 'linux.kernel_modules'), ('security.nesting', 'security.nesting'),
    ('user.raw.note', None), ('security.protection.delete', None), ('limits.cpu', None), ('rawlxc', None),
])
def test_risky_key(key, entry):
    assert risky_key(key) == entry


def test_risky_settings_names_keys_and_devices():
    config = {'security.privileged': 'true', 'security.nesting': 'false', 'raw.lxc': '', 'raw.idmap': 'both 0 0',
              'limits.memory': '1GiB', 'linux.kernel_modules': 'ip_tables'}
    devices = {'root': {'type': 'disk', 'path': '/', 'pool': 'default'},
               'share': {'type': 'disk', 'source': '/srv/share', 'path': '/mnt'},
               'vol': {'type': 'disk', 'source': 'data', 'pool': 'default', 'path': '/data'},
               'kmsg': {'type': 'unix-char', 'path': '/dev/kmsg'}, 'eth0': {'type': 'nic', 'network': 'lxdbr0'},
               'gpu0': {'type': 'gpu'}}
    assert risky_settings(config, devices) == [
        'devices.gpu0 (gpu)', 'devices.kmsg (unix-char)', 'devices.share (disk)', 'linux.kernel_modules',
        'raw.idmap', 'security.privileged']
    assert risky_settings({'security.privileged': True}) == ['security.privileged']
    assert risky_settings({'security.idmap.base': '0', 'security.idmap.isolated': 'false',
                           'security.syscalls.intercept.mknod': 'no'}) == ['security.idmap.base']
    assert risky_settings(None, None) == []
