# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The LXD connection options every LXD-backed module shares (see doc_fragments/lxd_connection)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.values import DEFAULT_TIMEOUT

LXD_CONNECTION_SPEC = dict(
    url=dict(type='str', fallback=(env_fallback, ['ARMHV_LXD_URL'])),
    client_cert=dict(type='path', fallback=(env_fallback, ['ARMHV_LXD_CLIENT_CERT'])),
    client_key=dict(type='path', no_log=False, fallback=(env_fallback, ['ARMHV_LXD_CLIENT_KEY'])),
    server_cert=dict(type='path', fallback=(env_fallback, ['ARMHV_LXD_SERVER_CERT'])),
    validate_certs=dict(type='bool', default=True, aliases=['verify']),
    project=dict(type='str', default='default', fallback=(env_fallback, ['ARMHV_LXD_PROJECT'])),
    timeout=dict(type='int', default=DEFAULT_TIMEOUT),
)
