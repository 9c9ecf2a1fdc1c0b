# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Host bridges: the options and pure plan (plan), ensure and list (ops), netlink access (netlink), the
steps a detached revert runs too (steps), the revert (confirm), boot persistence (persist)."""
