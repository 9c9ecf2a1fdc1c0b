# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The named objects' shared pure plan: only named keys enforced, null removes, devices merged or
replaced, --diff of the managed part, used_by in words."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import (
    diff_view, object_view, planned_view, updated_view, user_name)

ROOT = {'type': 'disk', 'path': '/', 'pool': 'default'}
NIC = {'type': 'nic', 'name': 'eth0', 'network': 'armhvnet0'}
VIEW = object_view(dict(name='p', description='d', config={'limits.cpu': '1', 'user.x': 'y'},
                        devices={'root': ROOT}, used_by=['/1.0/instances/b', '/1.0/instances/a']), 'devices')


@pytest.mark.parametrize('desired, replace, config, devices, changed', [
    (dict(config={}), False, {'limits.cpu': '1', 'user.x': 'y'}, {'root': ROOT}, []),
    (dict(config={'limits.cpu': '2'}), False, {'limits.cpu': '2', 'user.x': 'y'}, {'root': ROOT}, ['config.limits.cpu']),
    (dict(config={'user.x': None, 'user.gone': None}), False, {'limits.cpu': '1'}, {'root': ROOT}, ['config.user.x']),
    (dict(devices={'eth0': NIC}), False, VIEW['config'], {'root': ROOT, 'eth0': NIC}, ['devices.eth0']),
    (dict(devices={'eth0': NIC}), True, VIEW['config'], {'eth0': NIC}, ['devices.eth0', 'devices.root']),
    (dict(devices={'root': ROOT}), True, VIEW['config'], {'root': ROOT}, []),
    (dict(devices={'root': None}), False, VIEW['config'], {}, ['devices.root']),
    (dict(devices={'root': dict(ROOT, size='1GiB')}), False, VIEW['config'], {'root': dict(ROOT, size='1GiB')},
     ['devices.root']),
    (dict(devices=None), True, VIEW['config'], {'root': ROOT}, []),
])
def test_updated_view_enforces_only_what_is_named(desired, replace, config, devices, changed):
    after, found = updated_view(VIEW, desired, replace)
    assert (after['config'], after['devices'], found) == (config, devices, changed)


def test_description_and_other_fields_replace_when_given():
    assert updated_view(VIEW, dict(description=None))[1] == []
    assert updated_view(VIEW, dict(description='d'))[1] == []
    after, changed = updated_view(dict(VIEW, ingress=[]), dict(description='new', ingress=[{'action': 'allow'}]))
    assert changed == ['description', 'ingress'] and after['ingress'] == [{'action': 'allow'}]


def test_used_by_is_sorted():
    assert VIEW['used_by'] == ['/1.0/instances/a', '/1.0/instances/b']


def test_planned_view_leaves_removed_keys_out():
    view = planned_view('p', dict(config={'a': '1', 'b': None}, devices={'root': ROOT, 'x': None}, description=None))
    assert view == dict(name='p', description='', config={'a': '1'}, devices={'root': ROOT}, used_by=[])


def test_diff_shows_the_managed_part():
    assert diff_view(None, {}) == {}
    assert diff_view(VIEW, dict(config={'limits.cpu': '2'}, devices={'root': None}, description=None)) == dict(
        config={'limits.cpu': '1'}, devices={'root': ROOT})
    assert diff_view(dict(VIEW, devices={'root': ROOT, 'eth0': NIC}), dict(devices={}), True)['devices'] == {
        'root': ROOT, 'eth0': NIC}


@pytest.mark.parametrize('url, words', [
    ('/1.0/instances/web1', 'instance web1'),
    ('/1.0/instances/web1?project=default', 'instance web1'),
    ('/1.0/profiles/base?project=tenant', 'profile base (project tenant)'),
    ('/1.0/storage-pools/local/volumes/custom/data?project=t', 'storage volume local/volumes/custom/data (project t)'),
    ('/1.0/images/abc', 'image abc'),
])
def test_user_name(url, words):
    assert user_name(url) == words
