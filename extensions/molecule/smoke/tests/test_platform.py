# -*- coding: utf-8 -*-
"""The test host is a booted Debian 12 with systemd, as the roles' scenarios expect."""


def test_debian_12_with_systemd_running(host):
    assert host.system_info.distribution == 'debian'
    assert host.system_info.release.startswith('12')
    assert host.run('systemctl is-system-running').stdout.strip() == 'running'


def test_converge_left_its_file(host):
    marker = host.file('/etc/armhv-smoke')
    assert marker.exists and marker.mode == 0o644
    assert marker.content_string.strip() == host.system_info.arch
