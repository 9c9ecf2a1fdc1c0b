# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ArmhvError(Exception):
    """The one error type of the collection; main() turns it into fail_json."""

    def __init__(self, msg, **details):
        super(ArmhvError, self).__init__(msg)
        self.msg = msg
        self.details = details


class LxdConnectionError(ArmhvError):
    """LXD could not be reached (socket missing, refused, TLS failed) or went away mid-request: callers may
    reconnect or retry."""
