# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The collection's one family of errors. A module turns any of them into fail_json with
`module.fail_json(**exc.result())` (documented keys only: msg, error, and missing for not_found); the
management API maps each kind to one HTTP status in one handler.

No Ansible import here: the management API uses it too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy


class ArmhvError(Exception):
    """Something failed. msg says what and, where it helps, what to do about it."""

    # The `error` key of a module's failed result.
    kind = 'failed'

    def __init__(self, msg):
        super(ArmhvError, self).__init__(msg)
        self.msg = msg

    def reworded(self, msg):
        """The same error (its class and fields) with another message, such as the context a caller adds."""
        other = copy.copy(self)
        other.msg = msg
        other.args = (msg,)
        return other

    def result(self):
        """The keys of a module's failed result."""
        return dict(msg=self.msg, error=self.kind)


class InvalidRequest(ArmhvError):
    """The input is refused, before anything was changed."""

    kind = 'invalid'


class NotFound(ArmhvError):
    """Something the task needs does not exist. what: its type (instance, image, project, pool, member,
    interface, namespace, ...); name: its name."""

    kind = 'not_found'

    def __init__(self, msg, what, name):
        super(NotFound, self).__init__(msg)
        self.what = what
        self.name = name

    def result(self):
        return dict(super(NotFound, self).result(), missing=dict(type=self.what, name=self.name))


class Conflict(ArmhvError):
    """The object exists, is in use, or something else stands in the way; nothing was changed.
    reason: the conflict alone (msg may add the module's own way out, such as force: true); blockers:
    the names of what is in the way."""

    kind = 'conflict'

    def __init__(self, msg, reason=None, blockers=()):
        super(Conflict, self).__init__(msg)
        self.reason = reason or msg
        self.blockers = list(blockers)


class DaemonRefused(ArmhvError):
    """LXD or Incus answered a request with an error. status: the HTTP status it answered (None when an
    operation failed after it was accepted); method: the request's."""

    kind = 'refused'

    def __init__(self, msg, status=None, method=None):
        super(DaemonRefused, self).__init__(msg)
        self.status = status
        self.method = method


class Busy(DaemonRefused):
    """The daemon holds a lock on the object for another operation; the same request may pass soon."""

    kind = 'busy'


class LxdConnectionError(ArmhvError):
    """LXD could not be reached (socket missing, refused, TLS failed) or went away mid-request: callers may
    reconnect or retry."""

    kind = 'connection'
