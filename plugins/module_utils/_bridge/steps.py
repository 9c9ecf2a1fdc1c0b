# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Bridge plan steps applied with pyroute2, and the armed revert.

Self-contained on purpose (standard library and pyroute2 only): net_bridge writes this file's own
source next to a revert record and runs it as a detached process, so a revert armed by
confirm_timeout still happens when the module's connection dies with the change it made."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import json
import os
import sys
import time

REVERT_DIR = '/run/armhv'
# Our option name -> the pyroute2 attribute of a bridge link.
BRIDGE_ATTRS = dict(forward_delay='br_forward_delay', hello_time='br_hello_time', max_age='br_max_age',
                    ageing_time='br_ageing_time', stp='br_stp_state', priority='br_priority',
                    vlan_filtering='br_vlan_filtering')


class StepError(Exception):
    pass


def apply(ipr, name, step):
    """Carry out one plan step (see _bridge.plan_present and _bridge.undo_steps)."""
    kind = step[0]
    if kind == 'create':
        ipr.link('add', ifname=name, kind='bridge')
    elif kind == 'delete':
        ipr.link('del', index=index_of(ipr, name))
    elif kind == 'set':
        set_value(ipr, name, step[1], step[2])
    elif kind in ('attach', 'detach'):
        port = index_of(ipr, step[1])
        if kind == 'attach':
            master = index_of(ipr, name)
        else:
            master = index_of(ipr, step[2]) if len(step) > 2 and step[2] else 0
        ipr.link('set', index=port, master=master)
        if kind == 'attach':
            ipr.link('set', index=port, state='up')
    elif kind in ('up', 'down'):
        ipr.link('set', index=index_of(ipr, step[1]), state=kind)
    elif kind in ('add_address', 'remove_address'):
        interface = ipaddress.ip_interface(step[1])
        ipr.addr('add' if kind == 'add_address' else 'del', index=index_of(ipr, name),
                 address=str(interface.ip), prefixlen=interface.network.prefixlen)


def set_value(ipr, name, key, value):
    index = index_of(ipr, name)
    if key == 'mtu':
        ipr.link('set', index=index, mtu=value)
    elif key == 'mac_address':
        ipr.link('set', index=index, address=value)
    else:
        ipr.link('set', index=index, kind='bridge', **{BRIDGE_ATTRS[key]: int(value)})


def index_of(ipr, name):
    found = ipr.link_lookup(ifname=name)
    if not found:
        raise StepError('interface %s does not exist' % name)
    return found[0]


def record_path(name, netns):
    return os.path.join(REVERT_DIR, 'bridge-%s-%s.json' % (netns or 'host', name))


def revert_now(record):
    """Apply the undo steps and put the files back; what failed is returned, the rest still done."""
    from pyroute2 import IPRoute, NetNS
    problems = []
    ipr = NetNS(record['netns'], flags=0) if record['netns'] else IPRoute()
    try:
        for step in record['undo']:
            try:
                apply(ipr, record['name'], step)
            except Exception as exc:  # keep going: every step undone is one less thing broken
                problems.append('%s: %s' % (' '.join(str(s) for s in step), exc))
    finally:
        ipr.close()
    for path, text in record['files'].items():
        target = os.path.join(record['root'], path)
        try:
            if text is None:
                if os.path.exists(target):
                    os.unlink(target)
            else:
                with open(target, 'w') as handle:
                    handle.write(text)
        except (IOError, OSError) as exc:
            problems.append('%s: %s' % (target, exc))
    return problems


def wait_and_revert(path):
    """Entry point of the detached process: sleep until the deadline, revert unless confirmed."""
    with open(path) as handle:
        record = json.load(handle)
    time.sleep(max(0, record['deadline'] - time.time()))
    if not os.path.exists(path):
        return 0
    problems = revert_now(record)
    record['problems'] = problems
    with open(path + '.reverted', 'w') as handle:
        json.dump(record, handle)
    os.unlink(path)
    return 1 if problems else 0


if __name__ == '__main__':
    # Nobody waits for this process: what went wrong is kept in the .reverted record.
    wait_and_revert(sys.argv[1])
