# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""network_acl's request: rules in the daemon's full shape, checked field by field."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._acl.spec import request_from_params


def test_rules_in_full_shape_and_lists_left_alone_when_omitted():
    desired = request_from_params(dict(name='web', ingress=[{'action': 'drop', 'protocol': 'icmp4'}]))['desired']
    assert desired['ingress'] == [dict(action='drop', source='', destination='', protocol='icmp4', source_port='',
                                       destination_port='', icmp_type='', icmp_code='', description='',
                                       state='enabled')]
    assert desired['egress'] is None


@pytest.mark.parametrize('params, words', [
    (dict(name='web_1'), 'invalid network ACL name'),
    (dict(name='web', ingress=[{'action': 'permit'}]), 'ingress[0].action must be one of allow, reject, drop'),
    (dict(name='web', egress=[{'action': 'allow'}, {'action': 'allow', 'port': 80}]), 'egress[1]: port not a rule field'),
    (dict(name='web', egress=[{'action': 'allow', 'state': 'on'}]), 'egress[0].state must be one of'),
    (dict(name='web', config={'security.x': 1}), 'an ACL takes user.* keys only'),
])
def test_bad_input_is_refused_naming_it(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(params)
    assert words in caught.value.msg
