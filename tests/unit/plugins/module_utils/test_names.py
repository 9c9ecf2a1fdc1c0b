# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import (
    check_image_name, check_lxd_name, interface_name_problem, lxd_name_problem)


@pytest.mark.parametrize('name', ['a', 'web1', 'A-b-9', 'a' * 63, 'x1-y2'])
def test_valid_names(name):
    assert lxd_name_problem(name) is None
    assert check_lxd_name(name) == name


@pytest.mark.parametrize('name', [
    '', '1abc', '-abc', 'abc-', 'a' * 64, 'has space', 'under_score', 'dot.name', 'semi;colon',
    'ünicode', 'tab\there', 'new\nline', None, 42,
])
def test_invalid_names(name):
    assert 'not starting with a digit' in lxd_name_problem(name)
    with pytest.raises(ArmhvError) as caught:
        check_lxd_name(name, 'pool')
    assert caught.value.msg.startswith('invalid pool name')


@pytest.mark.parametrize('name', ['busybox', 'debian/12', 'ubuntu/22.04/cloud', 'f' * 64, 'a+b_c-d.e'])
def test_valid_image_names(name):
    assert check_image_name(name) == name


@pytest.mark.parametrize('name', [
    'busybox?recursion=1', 'busybox#x', 'a%2F', '..', 'a/../b', 'a//b', 'a/', '/a', './a', '', 'a b', 'ü',
    'x' * 256, None, 'a\x00b',
])
def test_invalid_image_names(name):
    with pytest.raises(ArmhvError, match='invalid image .*: must be an alias or fingerprint'):
        check_image_name(name)


@pytest.mark.parametrize('name, problem', [
    ('br0', None), ('a' * 15, None), ('br-lan.10', None),
    ('', 'must not be empty'), ('a' * 16, 'at most 15 bytes'), ('ééééééééé', 'at most 15 bytes'),
    ('.', 'must not be'), ('..', 'must not be'), ('br/0', 'must contain only'), ('br:0', 'must contain only'),
    ('br 0', 'must contain only'), ('br\t0', 'must contain only'), ('br\x000', 'must contain only'),
    ('br\x7f', 'must contain only'), ('accp%d', 'must contain only'), ('br\u00fc', 'must contain only'),
    ('br@1', 'must contain only'), ('-fzx', "must not start with '-'"),
])
def test_interface_names(name, problem):
    found = interface_name_problem(name)
    assert (found is None) if problem is None else (problem in found)
