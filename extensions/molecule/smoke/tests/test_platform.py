# -*- coding: utf-8 -*-
"""The test host is a booted Debian 12 with systemd, reached over SSH, as the roles' scenarios expect."""


def test_debian_12_with_systemd_running(host):
    assert host.system_info.distribution == 'debian'
    assert host.system_info.release.startswith('12')
    assert host.run('systemctl is-system-running').stdout.strip() == 'running'


def test_converge_left_its_file(host):
    marker = host.file('/etc/armhv-smoke')
    assert marker.exists and marker.mode == 0o644
    assert marker.content_string.strip() == host.system_info.arch


def test_reached_over_ssh_through_loopback(host):
    # The platform's transport (resources/create.yml): sshd inside, reached from this machine's loopback
    # through the proxy device, so the client address is the container's own loopback.
    assert host.run('echo "$SSH_CONNECTION"').stdout.split()[:1] == ['127.0.0.1']
    assert host.service('ssh').is_running
