# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""instance_risks: the settings of LXD instances or profiles that give a container's root a way to root
on the host, from the list the management API's policy uses (module_utils/_policy.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import risky_settings


def instance_risks(objects):
    """{name: [risky settings]} for the objects (instances from /1.0/instances?recursion=1, or
    profiles) that have any; expanded config and devices when present."""
    if not isinstance(objects, list):
        raise AnsibleFilterError('instance_risks expects a list of LXD instances or profiles')
    found = {}
    for item in objects:
        if not isinstance(item, dict) or 'name' not in item:
            raise AnsibleFilterError('instance_risks: each item must be an LXD object with a name')
        config = item.get('expanded_config', item.get('config'))
        devices = item.get('expanded_devices', item.get('devices'))
        risks = risky_settings(config, devices)
        if risks:
            found[item['name']] = risks
    return found


class FilterModule(object):
    def filters(self):
        return {'instance_risks': instance_risks}
