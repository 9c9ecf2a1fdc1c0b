# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Pure profile logic: the view and what blocks a deletion. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.objects import object_view

# Every project's instances fall back on it: LXD refuses to delete it, and so do we, before asking.
DEFAULT_PROFILE = 'default'


def profile_view(raw):
    """name, description, config, devices, used_by (the instances and profiles' users, as URLs)."""
    view = object_view(raw, 'devices')
    view['devices'] = dict(view['devices'] or {})
    return view
