# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Bridge changes: plan (pure), then apply with rollback, then persist. Check mode stops after the plan,
so it predicts exactly the steps, files and result a real run produces."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.plan import (
    apply_plan, bridge_view, foreign_ports, is_link_local, plan_present, undo_steps)
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.confirm import (
    arm, disarm, earlier_revert_ran, pending)
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.persist import (
    RENDERERS, backend_file_mode, detect_backend, owned_files, read_files, write_under)
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, Conflict
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.netlink import (
    apply_step, read_bridge, read_links, uplink_reasons)


def list_bridges(ipr, name=None):
    """Bridges with ports, addresses and settings, sorted by name: what net_bridge_info and the API
    list. One bridge when name is given (an empty list when there is no such bridge)."""
    links = read_links(ipr)
    if name is not None:
        if links.get(name, {}).get('kind') != 'bridge':
            return []
        return [bridge_view(read_bridge(ipr, links, name))]
    names = sorted(n for n, link in links.items() if link['kind'] == 'bridge')
    return [bridge_view(read_bridge(ipr, links, n)) for n in names]


def ensure_bridge(ipr, request, check_mode):
    """Converge one bridge to a request from _bridge.request_from_params; returns a Result whose actions
    are the planned steps, the persisted files written or removed, and a confirmation."""
    run = Run(ipr, request, check_mode)
    desired = request['desired']
    confirmed = confirm_revert(run)
    links = read_links(ipr)
    if request['create_only'] and desired['name'] in links:
        raise Conflict('interface %s already exists' % desired['name'], blockers=[desired['name']])
    current = read_bridge(ipr, links, desired['name'])
    absent = request['state'] == 'absent'
    steps = plan_absent(current, request) if absent else plan_present(current, desired, links, request['purge_ports'])
    refuse_uplinks(ipr, links, request, desired['name'], steps)
    files = plan_files(request, desired, absent)
    writes, removals = file_changes(files)
    step_texts = [' '.join(str(part) for part in step) for step in steps]
    changes = step_texts + ['write ' + p for p in writes] + ['remove ' + p for p in removals]
    revert = 'armed' if request['confirm_timeout'] and changes else confirmed
    predicted = None if absent else apply_plan(current, desired, steps)
    if revert == 'armed' and earlier_revert_ran(desired['name'], request['netns']):
        run.warn('the revert armed by an earlier run for bridge %s had run: the change it guarded was undone '
                 '(this run makes it again, with a new revert armed)' % desired['name'])
    if changes:
        # One change: the steps and files go together, behind the revert when one is armed.
        run.act(changes, lambda: apply_armed(ipr, request, desired['name'], steps, current, links, files,
                                             revert == 'armed'))
    if steps and not absent and not check_mode:
        predicted = read_bridge(ipr, read_links(ipr), desired['name'])
    if confirmed == 'reverted':
        run.warn('the revert armed for bridge %s had already run: the change it guarded was undone' % desired['name'])
    result = run.result(revert=revert, steps=step_texts, bridge=bridge_view(predicted),
                        diff=dict(before=diff_side(current, files, 'before', desired),
                                  after=diff_side(predicted, files, 'after', desired)))
    if files and not absent:
        result['bridge']['persisted'] = sorted(os.path.join(files['root'], p) for p in files['after'])
    return result


def refuse_uplinks(ipr, links, request, name, steps):
    """Attaching the host's uplink to a bridge cuts the host off: only with force, or with a revert armed
    (confirm_timeout) that puts it back when the host stops answering."""
    attaching = [step[1] for step in steps if step[0] == 'attach']
    if not attaching or request['force'] or request['confirm_timeout']:
        return
    reasons = uplink_reasons(ipr, links, attaching, request['request_address'])
    if reasons:
        why = 'refusing to attach %s to bridge %s (%s): the host would lose its connection' % (
            ', '.join(sorted(reasons)), name, '; '.join('%s: %s' % item for item in sorted(reasons.items())))
        raise Conflict(why + '. Set force: true to attach anyway, or confirm_timeout to have it reverted '
                       'unless a later task confirms', reason=why, blockers=sorted(reasons))


def confirm_revert(run):
    """'confirmed' when a revert armed by an earlier run is (would be) stopped, 'reverted' when it had
    already run, else 'none'."""
    name, netns = run.request['name'], run.request['netns']
    found = pending(name, netns) if run.request['confirm'] else 'none'
    if found == 'confirmed':
        # disarm says which happened when the revert ran between the look and now.
        return run.act('confirm', lambda: disarm(name, netns)) or found
    if found == 'reverted' and not run.check_mode:
        disarm(name, netns)  # clears the mark the revert left, so the next run does not report it again
    return found


def apply_armed(ipr, request, name, steps, current, links, files, armed):
    """apply_all, with a revert armed first when asked; a change that fails is rolled back here and now."""
    if armed:
        arm(name, request['netns'], undo_steps(name, steps, current, links), files, request['confirm_timeout'])
    try:
        apply_all(ipr, name, steps, current, links, files)
    except ArmhvError:
        if armed:
            disarm(name, request['netns'])
        raise


def plan_absent(current, request):
    if current is None:
        return []
    foreign = foreign_ports(current, request['desired']['ports'])
    if foreign and not request['force']:
        raise Conflict('bridge %s still has port%s %s that the task does not list (LXD attaches instances '
                       'to bridges at run time); set force: true to delete it anyway'
                       % (current['name'], 's' if len(foreign) > 1 else '', ', '.join(foreign)), blockers=foreign)
    return [('delete', current['name'])]


def plan_files(request, desired, absent):
    """The persisted files now and as they should be, or None when persistence is off."""
    if not request['persist']:
        return None
    root = request['persist_root']
    backend = request['persist_backend']
    if backend == 'auto':
        backend = detect_backend(root)
    before = read_files(root, owned_files(backend, desired['name'], root))
    after = {} if absent else RENDERERS[backend](desired)
    return dict(root=root, backend=backend, before=before, after=after)


def file_changes(files):
    """(paths to write, paths to remove) to make the persisted files as they should be."""
    if not files:
        return [], []
    writes = [p for p, text in files['after'].items() if files['before'].get(p) != text]
    removals = [p for p in files['before'] if p not in files['after']]
    return writes, removals


def apply_all(ipr, name, steps, current, links, files):
    """Apply the steps, then the files; on any failure put the bridge and the files back as they were."""
    done, failing = [], None
    try:
        for failing in steps:
            apply_step(ipr, name, failing)
            done.append(failing)
        failing = None
        write_files(files)
    except ArmhvError as exc:
        problems = restore_files(files)
        # The kernel applies a message's attributes in turn, so a failed step may be half done.
        if failing and failing[0] != 'create':
            undo_quietly(ipr, name, undo_steps(name, [failing], current, links))
        for step in undo_steps(name, done, current, links):
            try:
                apply_step(ipr, name, step)
            except ArmhvError as undo_error:
                problems.append(undo_error.msg)
        if not done and not problems:
            raise
        outcome = 'rollback incomplete: %s' % '; '.join(problems) if problems else 'the bridge was restored'
        raise exc.reworded('%s; %s' % (exc.msg, outcome))


def undo_quietly(ipr, name, steps):
    for step in steps:
        try:
            apply_step(ipr, name, step)
        except ArmhvError:
            pass  # the failed step may not have changed this part at all


def write_files(files):
    writes, removals = file_changes(files)
    for path in writes:
        write_under(files['root'], path, files['after'][path], backend_file_mode(files['backend']))
    for path in removals:
        try:
            os.unlink(os.path.join(files['root'], path))
        except OSError as exc:
            raise ArmhvError('cannot remove %s: %s' % (path, exc))


def restore_files(files):
    """Put the persisted files back as they were; returns what could not be restored."""
    problems = []
    if not files:
        return problems
    for path in set(files['before']) | set(files['after']):
        try:
            if path in files['before']:
                write_under(files['root'], path, files['before'][path], backend_file_mode(files['backend']))
            elif os.path.exists(os.path.join(files['root'], path)):
                os.unlink(os.path.join(files['root'], path))
        except (ArmhvError, OSError) as exc:
            problems.append(str(getattr(exc, 'msg', exc)))
    return problems


def diff_side(bridge, files, side, desired):
    """Runtime and persisted state; what no plan can predict (index, carrier, a kernel-made MAC) is left out."""
    runtime = bridge_view(bridge)
    for key in ('ifindex', 'operstate') + (() if 'mac_address' in desired else ('mac_address',)):
        runtime.pop(key, None)
    if 'addresses' in runtime:
        # The kernel adds the IPv6 link-local address when the bridge gets a carrier, whenever that is.
        runtime['addresses'] = [a for a in runtime['addresses'] if not is_link_local(a)]
    shown = dict(runtime=runtime)
    if files:
        shown['persisted'] = files[side]
    return shown
