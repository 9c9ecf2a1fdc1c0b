# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def module_result(module, result):
    """Turn an ensure_* result into what exit_json takes: warnings emitted, diff only with --diff."""
    for warning in result.pop('warnings', []):
        module.warn(warning)
    if not module._diff:
        result.pop('diff', None)
    return result
