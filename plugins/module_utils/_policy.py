# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""The instance policy: one table of the settings that take a container out of its confinement. The
management API refuses them to operators (and to admins unless [policy] admin_allowed lists them), the
harden role's check reports the rows that reach root on the host (instance_risks filter), and the api
role's LXD project gets the restrictions that make LXD refuse the same (api_project_restrictions filter).

No Ansible import here: the management API runs this file without Ansible."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections import namedtuple

# name: a config key, a key prefix (ending in '.') or a device type. blocked: the project restrictions
# under which LXD refuses it; loosened: what [policy] admin_allowed turns them into. host: it reaches
# root on the host (harden reports those); a nic confines the networks a tenant reaches instead.
Rule = namedtuple('Rule', 'name kind blocked loosened host why')


def key_rule(name, restrictions, why, blocked='block'):
    return Rule(name, 'key', dict((key, blocked) for key in restrictions),
                dict((key, 'allow') for key in restrictions), True, why)


def device_rule(name, why, blocked='block', host=True):
    restriction = 'restricted.devices.' + name
    return Rule(name, 'device', {restriction: blocked}, {restriction: 'allow'}, host, why)


LOWLEVEL = ('restricted.containers.lowlevel',)
RULES = (
    key_rule('security.privileged', ('restricted.containers.privilege',), "the container's root is root on the host",
             blocked='unprivileged'),
    key_rule('security.nesting', ('restricted.containers.nesting',),
             'the container may make containers of its own with settings LXD would refuse it'),
    key_rule('raw.', LOWLEVEL + ('restricted.virtual-machines.lowlevel',),
             "raw LXC, AppArmor, seccomp, idmap or QEMU settings go around LXD's confinement"),
    key_rule('linux.kernel_modules', LOWLEVEL, 'it loads modules into the host kernel'),
    key_rule('security.idmap.', LOWLEVEL, "it maps the container's ids onto host ids of its choice "
             "(security.idmap.isolated is allowed: an idmap of the container's own is the safer setting)"),
    key_rule('security.syscalls.intercept.', ('restricted.containers.interception',),
             "LXD would make system calls on the host on the container's behalf"),
    device_rule('proxy', 'it connects host sockets and ports, the LXD socket among them, to the container'),
    device_rule('unix-char', 'it passes a host device node through'),
    device_rule('unix-block', 'it passes a host block device through'),
    device_rule('unix-hotplug', 'it passes host device nodes through as they appear'),
    device_rule('usb', 'it passes a host USB device through'),
    device_rule('gpu', 'it passes a host GPU through'),
    device_rule('pci', 'it passes a host PCI device through'),
    device_rule('infiniband', 'it passes a host InfiniBand device through'),
    device_rule('disk', "it exposes the host's files (allowed: a disk from a storage pool, pool set)",
                blocked='managed'),
    device_rule('nic', "it puts the container on the host's own networks (allowed: a nic whose network is "
                'a managed bridge or OVN network)', blocked='managed', host=False),
)
RULE_NAMES = tuple(rule.name for rule in RULES)
RULE_BY_NAME = dict((rule.name, rule) for rule in RULES if rule.kind == 'device')
# Keys under a prefix rule that are safe: LXD allows them in a restricted project too.
SAFE_KEYS = ('security.idmap.isolated',)
# Managed network types a nic may name; others reach the host's own networks.
NIC_NETWORK_TYPES = ('bridge', 'ovn')
# Boolean keys (by name or prefix): set to one of FALSE_VALUES they are off. Any other key is off only
# when empty: security.idmap.base = "0" is the most dangerous value there is.
BOOLEAN_KEYS = ('security.privileged', 'security.nesting', 'security.syscalls.intercept.')
FALSE_VALUES = ('false', '0', 'no', 'off')

# A risky setting found: where ('profile web', 'container c1', or None for a request's own config),
# what ('security.nesting', or 'device NAME (TYPE)'), its rule, and what beyond the rule (a nic's network).
Finding = namedtuple('Finding', 'source setting rule detail')


def falls_under(key, entry):
    return key == entry or (entry.endswith('.') and key.startswith(entry))


def rule_for_key(key):
    """The key rule `key` falls under, or None."""
    if key in SAFE_KEYS:
        return None
    for rule in RULES:
        if rule.kind == 'key' and falls_under(key, rule.name):
            return rule
    return None


def risky_key(key):
    """The name of the key rule `key` falls under, or None."""
    rule = rule_for_key(key)
    return rule.name if rule else None


def is_off(key, value):
    text = str(value).strip().lower()
    boolean = any(falls_under(key, entry) for entry in BOOLEAN_KEYS)
    return text == '' or (boolean and text in FALSE_VALUES)


def device_finding(name, device, networks=None):
    """The Finding for one device, or None. networks: {name: type} of the managed networks a nic may
    use; None judges nics by their shape only (a parent or nictype is always refused)."""
    device = device or {}
    kind = device.get('type')
    rule = RULE_BY_NAME.get(kind)
    if rule is None:
        return None
    detail = None
    if kind == 'disk' and device.get('pool'):
        return None
    if kind == 'nic':
        detail = nic_problem(device, networks)
        if detail is None:
            return None
    return Finding(None, 'device %s (%s)' % (name, kind), rule, detail)


def nic_problem(device, networks):
    """None for a nic on an allowed managed network, else what is wrong with it."""
    if device.get('nictype') or device.get('parent'):
        return 'it names %s' % ('parent %s' % device['parent'] if device.get('parent') else
                                'nictype %s' % device['nictype'])
    network = device.get('network')
    if not network:
        return 'it names no network'
    if networks is None:
        return None
    kind = networks.get(network)
    if kind in NIC_NETWORK_TYPES:
        return None
    if kind is None:
        return 'network %s is not a managed network this project may use' % network
    return 'network %s is a managed %s network' % (network, kind)


def findings(config=None, devices=None, networks=None, source=None, host_only=False):
    """The risky settings of one config and devices (an instance's, a request's or a profile's), sorted.
    A key set to false or empty is not risky. host_only: the rows that reach root on the host."""
    found = []
    for key, value in (config or {}).items():
        rule = rule_for_key(key)
        if rule and not is_off(key, value):
            found.append(Finding(source, key, rule, None))
    for name, device in (devices or {}).items():
        finding = device_finding(name, device, networks)
        if finding and not (host_only and not finding.rule.host):
            found.append(finding._replace(source=source))
    return sorted(found, key=lambda finding: finding.setting)


def risky_settings(config=None, devices=None):
    """Sorted names of the settings that reach root on the host (the harden role's check): config keys
    as they are, devices as 'devices.NAME (TYPE)'."""
    return ['devices.' + f.setting[len('device '):] if f.rule.kind == 'device' else f.setting
            for f in findings(config, devices, host_only=True)]


def allows(allowed, finding):
    """Whether admin_allowed (rule names, or keys under a prefix rule) lets admins have `finding`."""
    return finding.rule.name in allowed or (finding.rule.kind == 'key' and finding.setting in allowed)


def describe(finding, who):
    """'profile web, device sock (proxy): operators may not use proxy devices: why'; a key of the
    request itself: 'operators may not set KEY: why'."""
    if finding.rule.kind == 'key':
        what = '%s may not set %s' % (who, finding.setting)
    else:
        what = '%s may not use %s devices' % (who, finding.rule.name)
    why = finding.rule.why if finding.detail is None else '%s: %s' % (finding.detail, finding.rule.why)
    where = [finding.source] if finding.source else []
    if where or finding.rule.kind == 'device':
        where.append(finding.setting)
    return ': '.join(([', '.join(where)] if where else []) + [what, why])


def label(finding):
    """The finding as the audit log names it: 'profile web: device sock (proxy)', 'security.nesting'."""
    return '%s: %s' % (finding.source, finding.setting) if finding.source else finding.setting


def project_restrictions(admin_allowed=(), networks=()):
    """The restricted.* settings of a project in which LXD refuses what the table refuses, loosened for
    what admin_allowed lists. networks: the managed bridge or OVN networks nics may use (none: no nic)."""
    # A restricted project blocks snapshots and exports; the backup role takes both of the API's
    # containers too, and neither reaches the host.
    wanted = {'restricted': 'true', 'restricted.snapshots': 'allow', 'restricted.backups': 'allow'}
    for rule in RULES:
        wanted.update(rule.blocked)
    if networks:
        wanted['restricted.networks.access'] = ','.join(networks)
    else:
        wanted['restricted.devices.nic'] = 'block'
    loosened = set(risky_key(entry) or entry for entry in admin_allowed)
    for rule in RULES:
        if rule.name in loosened:
            wanted.update(rule.loosened)
    return wanted


# What operators may have of the two device types that are not refused outright.
OPERATORS_MAY = {'disk': 'from a storage pool', 'nic': 'on a managed bridge or OVN network'}


def markdown_table():
    """The table as docs/api.md prints it (a unit test keeps the two the same)."""
    rows = ['| setting | operators may have it | harden reports it | LXD refuses it in the project with | why |',
            '|---|---|---|---|---|']
    for rule in RULES:
        name = '`%s*`' % rule.name if rule.name.endswith('.') else '`%s`' % rule.name
        blocked = ', '.join('`%s=%s`' % item for item in sorted(rule.blocked.items()))
        if rule.name == 'nic':
            blocked += ' and `restricted.networks.access` (no networks: `restricted.devices.nic=block`)'
        rows.append('| %s%s | %s | %s | %s | %s |' % (
            name, ' device' if rule.kind == 'device' else '', OPERATORS_MAY.get(rule.name, 'never'),
            'yes' if rule.host else 'no', blocked, rule.why))
    return '\n'.join(rows) + '\n'
