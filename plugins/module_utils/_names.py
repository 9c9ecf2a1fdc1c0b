# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

LXD_NAME_RULE = (
    "1 to 63 characters, only ASCII letters, digits and '-', "
    "not starting with a digit or '-' and not ending with '-'"
)
_LXD_NAME = re.compile(r'^[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')


def lxd_name_problem(name):
    """Return None when name follows the LXD object name rule, else a reason."""
    if not isinstance(name, str) or not _LXD_NAME.match(name):
        return 'must be %s' % LXD_NAME_RULE
    return None


def check_lxd_name(name, what='instance'):
    problem = lxd_name_problem(name)
    if problem:
        raise InvalidRequest('invalid %s name %r: %s' % (what, name, problem))
    return name


IMAGE_NAME_RULE = (
    "an alias or fingerprint: 1 to 255 ASCII letters, digits and '.', '_', '-', '+', '/', "
    "starting with a letter or digit, with no empty, '.' or '..' part between slashes"
)
_IMAGE_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._+/-]{0,254}$')


def check_image_name(name):
    """Image aliases and fingerprints go into LXD's URL paths: only a plain set of characters, and no
    part that a URL would resolve ('.', '..')."""
    if not isinstance(name, str) or not _IMAGE_NAME.match(name) or \
            any(part in ('', '.', '..') for part in name.split('/')):
        raise InvalidRequest('invalid image %r: must be %s' % (name, IMAGE_NAME_RULE))
    return name


MEMBER_NAME_RULE = (
    "a host name: dot-separated labels of 1 to 63 ASCII letters, digits and '-', "
    "no label starting or ending with '-', 253 characters at most"
)
_LABEL = re.compile(r'^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')


def check_member_name(name):
    """Cluster member names are host names (LXD defaults them to the host's)."""
    if not isinstance(name, str) or not name or len(name) > 253 or \
            not all(_LABEL.match(label) for label in name.split('.')):
        raise InvalidRequest('invalid cluster member name %r: must be %s' % (name, MEMBER_NAME_RULE))
    return name


def interface_name_problem(name):
    """None when the kernel would accept name as an interface name, else the reason."""
    if not isinstance(name, str) or not name:
        return 'must not be empty'
    if len(name.encode('utf-8')) > 15:
        return 'must be at most 15 bytes'
    if name in ('.', '..'):
        return 'must not be "." or ".."'
    if name.startswith('-'):
        # ip and other tools would read it as an option.
        return "must not start with '-'"
    if not re.match(r'^[A-Za-z0-9_.-]+$', name):
        # The kernel refuses "/", ":" and whitespace and expands "%d" into a number (so a request for
        # "br%d" makes br0); NUL cannot cross netlink. Only a plain set is safe for every tool.
        return "must contain only ASCII letters, digits, '_', '.' and '-'"
    return None


def check_interface_name(name, what='interface name'):
    problem = interface_name_problem(name)
    if problem:
        raise InvalidRequest('invalid %s %r: %s' % (what, name, problem))


OBJECT_NAME_RULE = (
    "1 to 63 characters, only ASCII letters, digits, '-', '_' and '.', starting with a letter or digit"
)
_OBJECT_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$')


def check_object_name(name, what):
    """Profiles and projects: LXD allows more than an instance name (dots and underscores), and the name
    goes into URL paths, so only a plain set that needs no escaping."""
    if not isinstance(name, str) or not _OBJECT_NAME.match(name):
        raise InvalidRequest('invalid %s name %r: must be %s' % (what, name, OBJECT_NAME_RULE))
    return name
