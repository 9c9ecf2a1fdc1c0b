# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_project and list_projects through the one client double (FakeLxd.client)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.ops import ensure_project, list_projects
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.spec import request_from_params
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd

OWN_DEFAULT = '/1.0/profiles/default?project=tenant'


def ensure(fake, check_mode=False, **params):
    return ensure_project(fake.client(), request_from_params(dict(dict(name='tenant'), **params)), check_mode)


def test_check_apply_check_apply():
    fake = FakeLxd()
    params = dict(config={'limits.containers': 2, 'features.profiles': True}, description='t')
    predicted = ensure(fake, True, **params)
    assert fake.mutations() == [] and predicted['actions'] == ['create']
    made = ensure(fake, **params)
    assert made['actions'] == ['create'] and made['project'] == predicted['project']
    assert ensure(fake, True, **params)['changed'] is False
    assert ensure(fake, **params)['changed'] is False
    changed = ensure(fake, config={'limits.containers': 3})
    assert changed['diff'] == dict(before=dict(config={'limits.containers': '2'}),
                                   after=dict(config={'limits.containers': '3'}))


def test_features_change_only_on_an_empty_project():
    fake = FakeLxd()
    fake.add_project('tenant', config={'features.images': 'true'}, used_by=[OWN_DEFAULT, '/1.0/instances/a?project=tenant'])
    with pytest.raises(Conflict) as caught:
        ensure(fake, config={'features.images': False, 'limits.cpu': 4})
    assert caught.value.blockers == ['instance a (project tenant)'] and fake.mutations() == []
    assert ensure(fake, config={'limits.cpu': 4})['actions'] == ['update']


def test_a_project_that_holds_something_is_not_deleted_its_own_default_profile_does_not_count():
    fake = FakeLxd()
    fake.add_project('tenant', used_by=[OWN_DEFAULT, '/1.0/images/abc?project=tenant'])
    with pytest.raises(Conflict) as caught:
        ensure(fake, state='absent')
    assert caught.value.blockers == ['image abc (project tenant)']
    fake.projects['tenant']['used_by'] = [OWN_DEFAULT]
    assert ensure(fake, state='absent')['actions'] == ['delete'] and 'tenant' not in fake.projects


def test_default_is_never_deleted():
    fake = FakeLxd()
    with pytest.raises(InvalidRequest):
        ensure(fake, name='default', state='absent')
    assert fake.requests == []


def test_list_projects():
    fake = FakeLxd()
    fake.add_project('b')
    assert [p['name'] for p in list_projects(fake.client())] == ['b', 'default']
    assert list_projects(fake.client(), 'nope') == []
