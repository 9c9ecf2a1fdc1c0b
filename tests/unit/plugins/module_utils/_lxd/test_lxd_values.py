# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import (
    lxd_string, merge_keys, normalize_config, normalize_devices, without_volatile)


@pytest.mark.parametrize('value, expected', [
    (True, 'true'), (False, 'false'), (2, '2'), (0, '0'), (1.5, '1.5'), ('1GiB', '1GiB'), ('', ''),
])
def test_lxd_string(value, expected):
    assert lxd_string(value, 'k') == expected


@pytest.mark.parametrize('value', [{'a': 1}, [1], object()])
def test_lxd_string_refuses_structures(value):
    with pytest.raises(ArmhvError, match='config.k must be a string'):
        lxd_string(value, 'config.k')


def test_normalize_config_keeps_removals():
    assert normalize_config({'a': True, 'b': None, 'c': 3}) == {'a': 'true', 'b': None, 'c': '3'}
    assert normalize_config(None) == {}


@pytest.mark.parametrize('devices, expected', [
    ({'eth0': {'type': 'nic', 'mtu': 1500}}, {'eth0': {'type': 'nic', 'mtu': '1500'}}),
    ({'gone': None}, {'gone': None}),
    (None, {}),
])
def test_normalize_devices(devices, expected):
    assert normalize_devices(devices) == expected


@pytest.mark.parametrize('devices, message', [
    ({'eth0': 'nic'}, 'devices.eth0 must be a dict'),
    ({'eth0': {'name': 'eth0'}}, 'needs a "type"'),
    ({'eth0': {'type': 'nic', 'mtu': None}}, 'no null values'),
])
def test_normalize_devices_refuses(devices, message):
    with pytest.raises(ArmhvError, match=message):
        normalize_devices(devices)


@pytest.mark.parametrize('current, desired, after, changed', [
    ({}, {}, {}, []),
    ({'a': '1'}, {'a': '1'}, {'a': '1'}, []),
    ({'a': '1'}, {'a': '2'}, {'a': '2'}, ['a']),
    ({'a': '1', 'b': '2'}, {'c': '3'}, {'a': '1', 'b': '2', 'c': '3'}, ['c']),
    ({'a': '1', 'b': '2'}, {'a': None}, {'b': '2'}, ['a']),
    ({'b': '2'}, {'a': None}, {'b': '2'}, []),
    ({'d': {'type': 'nic'}}, {'d': {'type': 'nic', 'mtu': '1'}}, {'d': {'type': 'nic', 'mtu': '1'}}, ['d']),
    ({'z': '1', 'a': '1'}, {'z': '2', 'a': '2'}, {'z': '2', 'a': '2'}, ['a', 'z']),
])
def test_merge_keys(current, desired, after, changed):
    before = dict(current)
    assert merge_keys(current, desired) == (after, changed)
    assert current == before, 'merge_keys must not modify its input'


def test_without_volatile():
    assert without_volatile({'volatile.uuid': 'x', 'limits.cpu': '1'}) == {'limits.cpu': '1'}
