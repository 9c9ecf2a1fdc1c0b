# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""An instance's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.remotes import checked_remotes, image_fields
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import (
    DEFAULT_TIMEOUT, normalize_config, normalize_devices)
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name, check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import check_seconds, make_request, with_defaults

# lxc_container's options (the fleet module's entries take exactly these); the connection options are
# the task's. Here, not in the module, so the API builds its requests with the same defaults.
INSTANCE_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='started',
               choices=['started', 'stopped', 'restarted', 'frozen', 'present', 'absent']),
    type=dict(type='str', choices=['container', 'virtual-machine']),
    image=dict(type='str'),
    image_server=dict(type='str'),
    image_protocol=dict(type='str', choices=['simplestreams', 'lxd']),
    remotes=dict(type='dict'),
    config=dict(type='dict'),
    devices=dict(type='dict'),
    profiles=dict(type='list', elements='str'),
    description=dict(type='str'),
    ephemeral=dict(type='bool'),
    target=dict(type='str'),
    force_stop=dict(type='bool', default=False),
    stop_timeout=dict(type='int', default=30),
    wait_for_ipv4=dict(type='bool', default=False, aliases=['wait_for_ipv4_addresses']),
)


DESIRED = ('type', 'image', 'image_server', 'image_protocol', 'config', 'devices', 'profiles', 'description',
           'ephemeral', 'target')


def request_from_params(params, timeout=DEFAULT_TIMEOUT):
    """One complete, validated request from the module's options (or an API body naming some of them):
    `desired` is the instance as they describe it (config and devices normalised; image and target
    apply at creation); the settings say how to get there. Raises InvalidRequest before any API call."""
    options = with_defaults(INSTANCE_OPTIONS, params)
    timeout = timeout if params.get('timeout') is None else params['timeout']
    check_lxd_name(options['name'])
    remotes = checked_remotes(options['remotes'])
    for profile in options['profiles'] or []:
        check_object_name(profile, 'profile')
    check_seconds('timeout', timeout)
    check_seconds('stop_timeout', options['stop_timeout'], low=0)
    desired = dict((key, options[key]) for key in DESIRED)
    desired.update(config=normalize_config(options['config']), devices=normalize_devices(options['devices']),
                   image_remote=None, image_certificate=None)
    if options['image'] and options['image_server']:
        if ':' in options['image']:
            raise InvalidRequest('image %r names a remote and image_server is set: give one of them' % options['image'])
    elif options['image']:
        desired.update(image_fields(options['image'], remotes))
    # create_only is not an option: the API's create refuses an existing instance (409) instead of
    # converging it.
    return make_request(options['name'], options['state'], desired, timeout=timeout,
                        force_stop=options['force_stop'], stop_timeout=options['stop_timeout'],
                        wait_for_ipv4=options['wait_for_ipv4'], create_only=bool(params.get('create_only')),
                        remotes=remotes)
