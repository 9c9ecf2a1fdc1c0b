# -*- coding: utf-8 -*-
"""Every member sees the same three-member cluster, all Online."""

import json


def test_three_online_members(host):
    members = json.loads(host.check_output('lxc query /1.0/cluster/members?recursion=1'))
    assert sorted(m['server_name'] for m in members) == ['armhv-cl-1', 'armhv-cl-2', 'armhv-cl-3']
    assert {m['status'] for m in members} == {'Online'}
    assert sorted(m['url'] for m in members) == ['https://198.18.12.2%d:8443' % i for i in (1, 2, 3)]
