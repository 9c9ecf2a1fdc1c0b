# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster import spec as cluster
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError


def params(**extra):
    base = dict(server_name='node1', state='present', server_address='198.18.0.11', cluster_address=None,
                failure_domain=None, groups=None, member_config=None, force=False)
    base.update(extra)
    return base


def test_request_from_params_normalises():
    request = cluster.request_from_params(params(
        groups=['edge', 'default', 'edge'],
        member_config=[dict(entity='storage-pool', name='local', key='size', value=5, description=None)]))
    assert sorted(request) == ['cluster_address', 'desired', 'force', 'member_config', 'name', 'server_address',
                               'state']
    assert request['server_address'] == '198.18.0.11:8443' and request['cluster_address'] is None
    assert request['desired'] == dict(failure_domain=None, groups=['default', 'edge'])
    assert request['member_config'] == [dict(entity='storage-pool', name='local', key='size', value='5',
                                             description='')]


@pytest.mark.parametrize('extra, message', [
    (dict(server_name='-node'), 'invalid cluster member name'),
    (dict(server_name='a' * 64), 'invalid cluster member name'),
    (dict(server_name='node_1'), 'invalid cluster member name'),
    (dict(groups=[]), 'at least one cluster group'),
    (dict(member_config=[dict(entity='storage-pool', name='', key='source')]), 'need entity, name and key'),
])
def test_request_from_params_refuses(extra, message):
    with pytest.raises(ArmhvError, match=message):
        cluster.request_from_params(params(**extra))


def test_member_names_may_be_host_names():
    assert cluster.request_from_params(params(server_name='node1.rack2.example'))['name'] == 'node1.rack2.example'
