# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""api_project_restrictions: the restricted.* settings of the LXD project the management API works in,
from the instance policy's table (module_utils/_policy.py), so that LXD refuses what the API refuses."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import string_types

from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import project_restrictions


def strings(value, what):
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, string_types) for item in value):
        raise AnsibleFilterError('api_project_restrictions: %s must be a list of strings' % what)
    return [str(item) for item in value]


def api_project_restrictions(admin_allowed, networks=None):
    return project_restrictions(strings(admin_allowed, 'the admin_allowed input'),
                                strings(networks or [], 'networks'))


class FilterModule(object):
    def filters(self):
        return {'api_project_restrictions': api_project_restrictions}
