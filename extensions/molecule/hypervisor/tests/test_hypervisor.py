# -*- coding: utf-8 -*-
"""What the host role and the modules left on the test host, read from the host itself."""

import json


def lxd(host, path):
    return json.loads(host.check_output('lxc query %s' % path))


def test_lxd_installed_and_held(host):
    assert host.package('lxd').is_installed
    assert host.package('nftables').is_installed
    assert host.package('python3-pylxd').is_installed
    assert 'hold' in host.check_output('dpkg --get-selections lxd')


def test_lxd_serves_https_on_the_chosen_address_only(host):
    assert host.socket('tcp://127.0.0.1:8443').is_listening
    config = lxd(host, '/1.0')['config']
    assert config['core.https_address'] == '127.0.0.1:8443'
    assert 'core.trust_password' not in config


def test_lxd_picked_nftables(host):
    assert lxd(host, '/1.0')['environment']['firewall'] == 'nftables'


def test_instance_running(host):
    instance = lxd(host, '/1.0/instances/demo1')
    assert instance['status'] == 'Running'
    assert instance['config']['limits.memory'] == '64MiB'


def test_bridge_up_with_its_address_and_persisted(host):
    link = json.loads(host.check_output('ip -j -d addr show br-test'))[0]
    assert link['linkinfo']['info_kind'] == 'bridge'
    assert '198.18.30.1' in [a['local'] for a in link['addr_info']]
    netdev = host.file('/etc/systemd/network/50-armhv-br-test.netdev')
    assert netdev.exists and 'Kind=bridge' in netdev.content_string


def test_pools(host):
    assert lxd(host, '/1.0/storage-pools/fast')['description'] == 'second pool'
    assert lxd(host, '/1.0/storage-pools/default')['driver'] == 'dir'


def test_instance_on_the_bridge_and_the_second_pool(host):
    web1 = lxd(host, '/1.0/instances/web1')
    assert web1['status'] == 'Running'
    assert web1['devices']['root']['pool'] == 'fast'
    assert 'veth' in host.check_output('ip -o link show master br-test')
