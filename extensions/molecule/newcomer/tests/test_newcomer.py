# -*- coding: utf-8 -*-
"""What the README's path left on a fresh Debian 12 machine: the main job's packages and nothing of the
test tools, a converged hypervisor that a second `make site` did not change, and the "Next steps"
lines working from the checkout with no warning."""

import json
import os
import re

import pytest

CHECKOUT = '/root/armhv'
README = os.path.join(os.environ['MOLECULE_PROJECT_DIRECTORY'], 'README.md')
# What `make test` adds (scripts/bootstrap --test); a hypervisor gets none of it (squashfs-tools is
# on that list too, but lxd depends on it).
TEST_TOOLS = ('qemu-system-arm', 'qemu-user-static', 'qemu-utils', 'debootstrap', 'shellcheck', 'incus-base',
              'incus-client', 'netplan.io', 'btrfs-progs')
WARNING = re.compile(r'\[(DEPRECATION )?WARNING\]|\w+Warning:')


def next_steps():
    """The commands of the README's "Next steps" block, comments dropped."""
    with open(README) as handle:
        section = handle.read().split('## Next steps', 1)[1]
    block = section.split('```sh\n', 1)[1].split('```', 1)[0]
    return [line.split('  #', 1)[0].strip() for line in block.splitlines() if line.strip()]


def recap(log):
    return [line for line in log.splitlines() if ' : ok=' in line]


def test_make_site_installed_the_main_job_s_packages_only(host):
    assert host.package('lxd').is_installed
    installed = [name for name in TEST_TOOLS if host.package(name).is_installed]
    assert installed == []
    assert not host.file(CHECKOUT + '/.venv/.test.sha').exists


def test_a_machine_with_no_boot_network_configuration_got_ifupdown_for_the_bridge(host):
    # The test host is debootstrap's minimal system: no netplan, NetworkManager, networkd or ifupdown.
    assert host.package('ifupdown').is_installed
    assert host.file('/etc/network/interfaces.d/armhv-armhv0').contains('iface armhv0')


def test_make_site_converged_and_the_second_run_changed_nothing(host):
    first, second = (host.file('/root/make-site-%d.log' % run).content_string for run in (1, 2))
    assert recap(first) and all('failed=0' in line for line in recap(first)), first[-3000:]
    assert recap(second) and all('changed=0' in line and 'failed=0' in line for line in recap(second)), second[-3000:]
    for log in (first, second):
        assert not WARNING.search(log), [line for line in log.splitlines() if WARNING.search(line)]
    assert host.run('lxc list --format csv -c ns armhv-demo').stdout.strip() == 'armhv-demo,RUNNING'


@pytest.mark.parametrize('command', next_steps())
def test_a_next_steps_line_works_from_the_checkout(host, command):
    result = host.run('cd %s && %s' % (CHECKOUT, command))
    assert result.rc == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert not WARNING.search(result.stdout + result.stderr)


def test_the_audit_after_make_site_is_clean(host):
    reports = host.run('ls %s/armhv-audit/*.json' % CHECKOUT).stdout.split()
    assert reports, 'the audit line wrote no report'
    for path in reports:
        report = json.loads(host.file(path).content_string)
        assert report['in_sync'], report
