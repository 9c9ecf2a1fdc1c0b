# -*- coding: utf-8 -*-
"""After playbooks/migrate_to_incus.yml: the instance LXD ran runs under Incus with its config and
address, LXD is gone, and the backup from before the migration is on disk."""

import json

testinfra_hosts = ['ansible://armhv-mig-1']


def incus(host, path):
    return json.loads(host.check_output('incus query %s' % path))


def test_incus_answers_and_lxd_does_not(host):
    assert incus(host, '/1.0')['environment']['server'] == 'incus'
    assert host.run('LXD_DIR=/var/lib/lxd lxc query /1.0').rc != 0


def test_instance_runs_with_its_config(host):
    instance = incus(host, '/1.0/instances/mig1')
    assert instance['status'] == 'Running'
    assert instance['config']['limits.memory'] == '64MiB'
    assert instance['config']['user.armhv-test'] == 'kept'
    assert instance['devices']['eth0']['parent'] == 'br-mig'


def test_instance_keeps_its_address(host):
    state = incus(host, '/1.0/instances/mig1/state')
    addresses = [a['address'] for a in state['network']['eth0']['addresses']]
    assert '198.18.40.10' in addresses
    # busybox-static (the image build's) has ping; the test host is minbase.
    assert host.run('busybox ping -c 1 -W 3 198.18.40.10').rc == 0


def test_backup_from_before_the_migration(host):
    exports = host.check_output('ls /var/backups/armhv/instances').split()
    assert [e.split('-2')[0] for e in exports] == ['mig1']
    assert host.check_output('ls /var/backups/armhv/control-plane').startswith('control-plane-')
