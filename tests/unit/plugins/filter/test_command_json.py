from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.armhv.hypervisor.plugins.filter.command_json import command_json


def test_plain_json():
    assert command_json('{"config": {"core.https_address": "127.0.0.1:8443"}}\n') == {
        'config': {'core.https_address': '127.0.0.1:8443'}}


def test_terminal_output_with_notice_first():
    # As raw over SSH returns it: a first-run notice from stderr, then the JSON, CRLF line ends.
    output = ('If this is your first time running LXD on this machine, you should also run: lxd init\r\n'
              'To start your first container, try: lxc launch images:ubuntu/22.04\r\n\r\n'
              '{\r\n\t"config": {\r\n\t\t"core.https_address": "127.0.0.1:8443"\r\n\t}\r\n}\r\n')
    assert command_json(output) == {'config': {'core.https_address': '127.0.0.1:8443'}}


def test_array():
    assert command_json('warning: something\n[\n {"fingerprint": "ab"}\n]\n') == [{'fingerprint': 'ab'}]


def test_no_json():
    with pytest.raises(AnsibleFilterError, match='no JSON object or array'):
        command_json('Error: not authorized\n')


def test_broken_json():
    with pytest.raises(AnsibleFilterError, match='not JSON from line 2'):
        command_json('notice\n{"config": \n')
