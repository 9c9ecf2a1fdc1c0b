# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_instance and list_instances through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, DaemonRefused, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import ensure_instance, list_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd


def request(**params):
    return request_from_params(dict(dict(name='web1', image='busybox', state='started'), **params))


def test_check_mode_predicts_the_actions_a_real_run_takes():
    fake = FakeLxd()
    predicted = ensure_instance(fake.client(), request(), True)
    assert fake.mutations() == [], 'check mode changes nothing'
    made = ensure_instance(fake.client(), request(), False)
    assert predicted['actions'] == made['actions'] == ['create', 'start']
    assert predicted['instance']['status'] == made['instance']['status'] == 'Running'
    assert 'user.armhv.creating' not in fake.instances['web1']['config'], 'the half-made marker is removed'


def test_a_converged_instance_costs_one_read():
    fake = FakeLxd()
    ensure_instance(fake.client(), request(), False)
    fake.requests[:] = []
    again = ensure_instance(fake.client(), request(), False)
    assert not again['changed'] and fake.requests == [('GET', 'instances/web1')]


def test_a_missing_instance_without_an_image_names_it():
    with pytest.raises(NotFound) as caught:
        ensure_instance(FakeLxd().client(), request(image=None), False)
    assert caught.value.result()['missing'] == dict(type='instance', name='web1')


def test_a_missing_image_is_not_found_before_anything_is_made():
    fake = FakeLxd()
    with pytest.raises(NotFound) as caught:
        ensure_instance(fake.client(), request(image='nothing-here'), False)
    assert caught.value.what == 'image' and fake.mutations() == []


def test_a_failed_start_deletes_the_instance_it_made():
    fake = FakeLxd()
    fake.fail_next[('PUT', 'instances/web1/state')] = 'Failed to start: no such device'
    with pytest.raises(Exception) as caught:
        ensure_instance(fake.client(), request(), False)
    assert 'deleted again' in caught.value.msg and 'web1' not in fake.instances


def test_the_type_of_an_instance_is_not_changed():
    fake = FakeLxd()
    fake.add_instance('web1')
    with pytest.raises(Conflict, match='type only applies at creation'):
        ensure_instance(fake.client(), request(type='virtual-machine'), False)


def test_list_instances_sorted_or_the_one_named():
    fake = FakeLxd()
    for name in ('b', 'a'):
        fake.add_instance(name)
    assert [view['name'] for view in list_instances(fake.client())] == ['a', 'b']
    assert [view['name'] for view in list_instances(fake.client(), 'b')] == ['b']
    assert list_instances(fake.client(), 'gone') == []


def test_a_create_only_request_refuses_an_existing_instance_in_its_one_read():
    fake = FakeLxd()
    fake.add_instance('web1')
    with pytest.raises(Conflict, match='instance web1 already exists') as caught:
        ensure_instance(fake.client(), request(create_only=True), False)
    assert caught.value.blockers == ['web1'] and fake.requests == [('GET', 'instances/web1')]


def test_a_create_only_request_makes_a_half_made_instance_again():
    fake = FakeLxd()
    fake.add_instance('web1', status='Stopped', config={'user.armhv.creating': 'true'})
    made = ensure_instance(fake.client(), request(create_only=True), False)
    assert made['actions'][:2] == ['delete', 'create'] and made['warnings']


@pytest.mark.parametrize('resources, refusal, limit, words', [
    # LXD 5.0 spells the fields Limit and Usage; Incus limit and usage. A limit the usage reached:
    ({'containers': {'Limit': 1, 'Usage': 1}, 'memory': {'limit': -1, 'usage': 0}},
     'Reached maximum number of instances of type "container"', 'limits.containers', '(1 of 1 used)'),
    # an aggregate limit the create would go over, named by the refusal:
    ({'memory': {'Limit': 300, 'Usage': 192}}, 'Reached maximum aggregate value "300" for "limits.memory"',
     'limits.memory', '(192 of 300 used)'),
])
def test_a_create_refused_by_a_project_limit_is_a_conflict_naming_it(resources, refusal, limit, words):
    fake = FakeLxd()
    fake.add_project('tenant', state={'resources': resources})
    fake.fail_next[('POST', 'instances')] = refusal
    with pytest.raises(Conflict) as caught:
        ensure_instance(fake.client(project='tenant'), request_from_params(dict(name='web1', image='busybox')), False)
    assert caught.value.blockers == [limit]
    assert "project tenant's %s %s" % (limit, words) in caught.value.msg


def test_a_create_refused_under_the_limits_stays_a_refusal():
    fake = FakeLxd()
    fake.add_project('tenant', state={'resources': {'containers': {'limit': 5, 'usage': 1}}})
    fake.fail_next[('POST', 'instances')] = 'Invalid config'
    with pytest.raises(DaemonRefused) as caught:
        ensure_instance(fake.client(project='tenant'), request_from_params(dict(name='web1', image='busybox')), False)
    assert not isinstance(caught.value, Conflict)
