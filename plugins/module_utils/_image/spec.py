# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""An image's options and the one validated request made from them. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.remotes import checked_remotes, image_fields
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_image_name
from ansible_collections.armhv.hypervisor.plugins.module_utils._options import make_request, with_defaults

IMAGE_OPTIONS = dict(
    alias=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    file=dict(type='path'),
    remote_image=dict(type='str'),
    remotes=dict(type='dict'),
    architecture=dict(type='str'),
    aliases=dict(type='list', elements='str'),
    auto_update=dict(type='bool'),
    public=dict(type='bool'),
    refresh=dict(type='bool', default=False),
)


def request_from_params(params):
    """desired: the image's extra aliases, auto_update and public (None: left alone); source: where a
    missing image comes from (a file, or a remote's alias or fingerprint) and for which architecture.
    Raises InvalidRequest before any API call."""
    params = with_defaults(IMAGE_OPTIONS, params)
    alias = check_local_alias(params['alias'])
    if params['file'] and params['remote_image']:
        raise InvalidRequest('file and remote_image are mutually exclusive: an image comes from one of them')
    source = None
    if params['file']:
        source = dict(kind='file', path=params['file'])
    elif params['remote_image']:
        if ':' not in params['remote_image']:
            raise InvalidRequest('remote_image %r must be remote:alias (or remote:fingerprint), such as '
                                 'images:debian/12' % params['remote_image'])
        source = dict(image_fields(params['remote_image'], checked_remotes(params['remotes'])), kind='remote')
    if params['refresh'] and not params['remote_image']:
        raise InvalidRequest('refresh is for an image copied from a remote (remote_image)')
    extra = [check_local_alias(name) for name in params['aliases'] or []]
    desired = dict(aliases=extra, auto_update=params['auto_update'], public=params['public'])
    return make_request(alias, params['state'], desired, source=source, architecture=params['architecture'],
                        refresh=params['refresh'])


def check_local_alias(name):
    if ':' in str(name):
        raise InvalidRequest('invalid image alias %r: a local alias has no remote part' % name)
    return check_image_name(name)
