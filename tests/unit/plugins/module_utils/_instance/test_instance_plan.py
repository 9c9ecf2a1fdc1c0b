# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._instance import plan as inst


@pytest.mark.parametrize('status, state, actions', [
    ('Running', 'started', []),
    ('Stopped', 'started', ['start']),
    ('Frozen', 'started', ['unfreeze']),
    ('Error', 'started', ['start']),
    ('Running', 'stopped', ['stop']),
    ('Stopped', 'stopped', []),
    ('Frozen', 'stopped', ['unfreeze', 'stop']),
    ('Running', 'restarted', ['restart']),
    ('Stopped', 'restarted', ['start']),
    ('Frozen', 'restarted', ['unfreeze', 'restart']),
    ('Running', 'frozen', ['freeze']),
    ('Stopped', 'frozen', ['start', 'freeze']),
    ('Frozen', 'frozen', []),
    ('Running', 'present', []),
    ('Stopped', 'present', []),
    ('Frozen', 'present', []),
])
def test_plan_transitions(status, state, actions):
    assert inst.plan_transitions(status, state) == actions


def view(**fields):
    base = dict(name='web1', status='Running', type='container', architecture='aarch64', location='none',
                config={'limits.cpu': '1', 'volatile.uuid': 'u'}, devices={'eth0': {'type': 'nic'}},
                profiles=['default'], description='', ephemeral=False, created_at=None, addresses={})
    base.update(fields)
    return base


def desired(**fields):
    base = dict(type=None, image=None, image_server=None, image_protocol=None, config={}, devices={},
                profiles=None, description=None, ephemeral=None, target=None)
    base.update(fields)
    return base


@pytest.mark.parametrize('want, changed', [
    (desired(), []),
    (desired(config={'limits.cpu': '1'}), []),
    (desired(config={'limits.cpu': '2'}), ['config.limits.cpu']),
    (desired(config={'gone': None}), []),
    (desired(config={'limits.cpu': None}), ['config.limits.cpu']),
    (desired(devices={'eth0': {'type': 'nic'}}), []),
    (desired(devices={'eth0': None, 'root': {'type': 'disk'}}), ['devices.eth0', 'devices.root']),
    (desired(profiles=['default']), []),
    (desired(profiles=['default', 'extra']), ['profiles']),
    (desired(description=''), []),
    (desired(description='x'), ['description']),
    (desired(ephemeral=False), []),
    (desired(ephemeral=True), ['ephemeral']),
])
def test_compute_update(want, changed):
    after, found = inst.compute_update(view(), want)
    assert found == changed
    assert after['config'].get('volatile.uuid') == 'u', 'volatile keys are kept, never compared'


def test_put_body_sends_every_writable_field():
    raw = dict(architecture='aarch64', stateful=False)
    body = inst.put_body(raw, view())
    assert sorted(body) == ['architecture', 'config', 'description', 'devices', 'ephemeral', 'profiles',
                            'stateful']


def test_instance_view_and_addresses():
    raw = dict(name='a', status='Running', config={'k': 'v'}, state=dict(network={
        'lo': {'addresses': [{'address': '127.0.0.1', 'scope': 'local'}]},
        'eth0': {'addresses': [{'address': '198.18.10.2', 'scope': 'global'},
                               {'address': 'fe80::1', 'scope': 'link'}]},
    }))
    shown = inst.instance_view(raw)
    assert shown['addresses'] == {'eth0': ['198.18.10.2']}
    assert shown['type'] == 'container' and shown['profiles'] == [] and shown['ephemeral'] is False
    assert inst.has_ipv4(shown)
    assert not inst.has_ipv4(dict(shown, addresses={'eth0': ['2001:db8::1']}))


def test_diff_view_hides_volatile_and_runtime_fields():
    shown = inst.diff_view(view())
    assert shown['config'] == {'limits.cpu': '1'}
    assert 'addresses' not in shown and 'created_at' not in shown
    assert inst.diff_view(None) == {}


@pytest.mark.parametrize('image, alias_exists, given, source', [
    ('busybox', True, {}, {'type': 'image', 'alias': 'busybox'}),
    ('abcdef012345', False, {}, {'type': 'image', 'fingerprint': 'abcdef012345'}),
    ('debian/12', False, {'image_server': 'https://images.example'},
     {'type': 'image', 'mode': 'pull', 'server': 'https://images.example', 'protocol': 'simplestreams',
      'alias': 'debian/12'}),
    ('abcdef012345', False, {'image_server': 'https://s', 'image_protocol': 'lxd'},
     {'type': 'image', 'mode': 'pull', 'server': 'https://s', 'protocol': 'lxd', 'fingerprint': 'abcdef012345'}),
])
def test_image_source(image, alias_exists, given, source):
    assert inst.image_source(image, alias_exists, desired(**given)) == source


def test_planned_view_takes_image_properties_and_desired_config():
    want = desired(type='virtual-machine', target='node2', config={'image.os': 'mine', 'a': '1', 'b': None})
    image = dict(architecture='aarch64', properties={'os': 'debian', 'release': '12'})
    planned = inst.planned_view('n', want, image)
    assert planned['config'] == {'image.os': 'mine', 'image.release': '12', 'a': '1'}
    assert planned['architecture'] == 'aarch64' and planned['location'] == 'node2'
    assert planned['profiles'] == ['default'] and planned['status'] == 'Stopped'


@pytest.mark.parametrize('given, count', [
    ({}, 0),
    ({'target': 'none'}, 0),
    ({'target': 'node2'}, 1),
    ({'image': 'a' * 12}, 0),
    ({'image': 'b' * 12}, 1),
    ({'image': 'busybox'}, 0),
])
def test_create_only_warnings(given, count):
    current = view(location='none', config={'volatile.base_image': 'a' * 64})
    assert len(inst.create_only_warnings(current, desired(**given))) == count
