# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""A project's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import normalize_config
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_object_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

PROJECT_OPTIONS = dict(
    name=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    description=dict(type='str'),
    config=dict(type='dict'),
)

# The families of project keys both daemons know; a key outside them is refused here, by name, instead
# of by the daemon after a half-read task.
KEY_FAMILIES = ('features.', 'restricted', 'limits.', 'user.', 'images.', 'backups.')


def request_from_params(params):
    """desired: the project's config (normalised; only the keys named are enforced) and description.
    Raises InvalidRequest before any API call."""
    params = with_defaults(PROJECT_OPTIONS, params)
    check_object_name(params['name'], 'project')
    config = normalize_config(params.get('config'))
    unknown = sorted(key for key in config if not key.startswith(KEY_FAMILIES))
    if unknown:
        raise InvalidRequest('config: %s %s not a project key; project keys start with %s'
                             % (', '.join(unknown), 'is' if len(unknown) == 1 else 'are',
                                ', '.join(KEY_FAMILIES)))
    desired = dict(config=config, description=params.get('description'))
    return make_request(params['name'], params['state'], desired, create_only=bool(params.get('create_only')))
