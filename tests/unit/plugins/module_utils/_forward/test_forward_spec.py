# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""network_forward's request: the listen address as its name, ports in full shape."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._forward.spec import request_from_params


def test_ports_in_full_shape():
    request = request_from_params(dict(network='armhvnet0', listen_address='198.18.25.10',
                                       ports=[{'protocol': 'tcp', 'listen_port': 80, 'target_address': '198.18.24.10'}]))
    assert request['name'] == '198.18.25.10' and request['network'] == 'armhvnet0'
    assert request['desired']['ports'] == [dict(description='', protocol='tcp', listen_port='80', target_port='',
                                                target_address='198.18.24.10')]
    assert request['desired']['config'] == {}


@pytest.mark.parametrize('params, words', [
    (dict(listen_address='nowhere'), 'listen_address must be an IP address'),
    (dict(listen_address='198.18.25.10', target_address='x'), 'target_address must be an IP address'),
    (dict(listen_address='198.18.25.10', ports=[{'protocol': 'tcp'}]), 'ports[0] needs listen_port, target_address'),
    (dict(listen_address='198.18.25.10', ports=[{'protocol': 'sctp', 'listen_port': 1, 'target_address': '198.18.24.1'}]),
     'ports[0].protocol must be tcp or udp'),
])
def test_bad_input_is_refused_naming_it(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(dict(dict(network='armhvnet0'), **params))
    assert words in caught.value.msg
