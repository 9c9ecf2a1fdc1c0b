# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The one main() of a module that converges one daemon object (ensure_main) or lists them
(info_main), given the module it made: check pylxd, make the request, connect, call, and turn the one
error family into fail_json. Ansible-side: the management API does not import it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import PYLXD_IMPORT_ERROR, lxd_connect
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import module_result


def _check_pylxd(module):
    if PYLXD_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('pylxd'), exception=PYLXD_IMPORT_ERROR)


def ensure_main(module, request_from_params, ensure):
    """A module whose work is ensure(client, request, check_mode)."""
    _check_pylxd(module)
    try:
        request = request_from_params(module.params)
        api = lxd_connect(module.params)
        result = ensure(api, request, module.check_mode)
        result.update(api.identity())
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(**module_result(module, result))


def info_main(module, option, check, list_objects, key):
    """An _info module: its one optional option narrows the list (checked with check(value) when
    given), list_objects(client, value) lists, the result carries the list under key."""
    _check_pylxd(module)
    value = module.params[option]
    try:
        if value is not None:
            check(value)
        api = lxd_connect(module.params)
        found = list_objects(api, value)
        identity = api.identity()
    except ArmhvError as exc:
        module.fail_json(**exc.result())
    module.exit_json(changed=False, **dict(identity, **{key: found}))
