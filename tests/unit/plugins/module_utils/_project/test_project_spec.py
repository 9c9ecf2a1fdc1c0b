# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""project's request: names, keys of the known families only, values as the daemon's strings."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._project.spec import request_from_params


def test_values_become_strings():
    request = request_from_params(dict(name='tenant-a', config={'limits.containers': 20, 'restricted': True,
                                                                'features.profiles': False, 'user.x': None}))
    assert request['desired']['config'] == {'limits.containers': '20', 'restricted': 'true',
                                            'features.profiles': 'false', 'user.x': None}


@pytest.mark.parametrize('params, words', [
    (dict(name='a b'), 'invalid project name'),
    (dict(name='t', config={'limits.cpu': 2, 'security.privileged': True}),
     'config: security.privileged is not a project key'),
])
def test_bad_input_is_refused_naming_it(params, words):
    with pytest.raises(InvalidRequest) as caught:
        request_from_params(params)
    assert words in caught.value.msg
