# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils import _options as options
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest


@pytest.mark.parametrize('text, expected', [
    ('198.18.0.1', ('198.18.0.1', 8443)), ('198.18.0.1:9443', ('198.18.0.1', 9443)),
    ('node-1.example', ('node-1.example', 8443)), ('fd00::1', ('fd00::1', 8443)),
    ('[fd00::1]', ('fd00::1', 8443)), ('[fd00::1]:9443', ('fd00::1', 9443)),
])
def test_split_host_port(text, expected):
    assert options.split_host_port(text, 'address', 8443) == expected


@pytest.mark.parametrize('text, message', [
    ('300.1.1.1', 'not a valid IP address'), ('1.2.3', 'not a valid IP address'), ('-a.example', 'neither'),
    ('a_b', 'neither'), ('[::1', 'neither'), ('a;b', 'neither'), ('a' * 300, 'neither'), (':1', 'is empty'),
    ('h:0', 'invalid port'), ('h:65536', 'invalid port'), ('[h]:1', 'only an IPv6 address'),
])
def test_split_host_port_refuses(text, message):
    with pytest.raises(InvalidRequest, match=message) as caught:
        options.split_host_port(text, 'server_address', 8443)
    assert caught.value.msg.startswith('server_address')


@pytest.mark.parametrize('name, problem', [
    ('lab', None), ('a' * 255, None), ('', 'not empty'), ('../../etc', 'no "/"'), ('..', 'not "."'),
    ('a\0b', 'no "/"'), ('a' * 256, 'at most 255 bytes'),
])
def test_netns_names(name, problem):
    found = options.netns_name_problem(name)
    assert (found is None) if problem is None else (problem in found)


def test_check_range_passes_a_left_out_option():
    assert options.check_range('parallel', None, 1, 64) is None
    assert options.check_seconds('confirm_timeout', 60) == 60
    with pytest.raises(InvalidRequest, match='confirm_timeout must be a whole number from 1 to 86400 seconds, not 0'):
        options.check_seconds('confirm_timeout', 0)


def test_a_huge_number_is_cut_short_in_the_message():
    with pytest.raises(InvalidRequest) as caught:
        options.check_seconds('timeout', 10 ** 309)
    assert caught.value.msg == 'timeout must be a whole number from 1 to 86400 seconds, not 10000000000000000000...'
