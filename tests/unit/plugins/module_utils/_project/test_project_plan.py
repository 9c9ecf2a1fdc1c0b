# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""project's pure logic: what a project holds, which limits stand in the way of a refused create."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._project.plan import held, reached_limits

MEMORY_REFUSAL = ('Failed checking if instance creation allowed: Reached maximum aggregate value "300MiB" '
                  'for "limits.memory" in project "qt"')


@pytest.mark.parametrize('resources, refusal, reached', [
    # LXD 5.0's spelling, a limit reached.
    ({'containers': {'Limit': 2, 'Usage': 2}}, '', ['limits.containers (2 of 2 used)']),
    # Incus's spelling, no limit set (-1) and one not reached.
    ({'containers': {'limit': -1, 'usage': 9}, 'memory': {'limit': 10, 'usage': 1}}, '', []),
    # An aggregate limit the create would go over: usage still below it, the refusal names it.
    ({'memory': {'Limit': 314572800, 'Usage': 201326592}, 'disk': {'Limit': 5, 'Usage': 1}}, MEMORY_REFUSAL,
     ['limits.memory (201326592 of 314572800 used)']),
    # A key that merely starts like another is not named by the refusal.
    ({'memory': {'limit': 5, 'usage': 1}}, 'for "limits.memory.swap"', []),
])
def test_reached_limits(resources, refusal, reached):
    assert reached_limits({'resources': resources}, refusal) == reached


def test_no_state_no_limits():
    assert reached_limits(None) == [] and reached_limits({}) == []


def test_a_project_s_own_default_profile_is_not_something_it_holds():
    view = {'name': 't', 'used_by': ['/1.0/profiles/default?project=t', '/1.0/instances/a?project=t']}
    assert held(view) == ['/1.0/instances/a?project=t']
