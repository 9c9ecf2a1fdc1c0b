# -*- coding: utf-8 -*-
"""After playbooks/migrate_to_incus.yml over both members of an LXD cluster: one Incus cluster of the
same two members, Online, with the profile the LXD cluster had; LXD gone from both."""

import json

testinfra_hosts = ['ansible://armhv-mig-2', 'ansible://armhv-mig-3']


def incus(host, path):
    return json.loads(host.check_output('incus query %s' % path))


def test_member_answers_as_incus_and_lxd_does_not(host):
    server = incus(host, '/1.0')
    assert server['environment']['server'] == 'incus'
    assert server['environment']['server_clustered']
    assert host.run('LXD_DIR=/var/lib/lxd lxc query /1.0').rc != 0


def test_one_cluster_of_the_same_members_online(host):
    members = incus(host, '/1.0/cluster/members?recursion=1')
    assert sorted(m['server_name'] for m in members) == ['armhv-mig-2', 'armhv-mig-3']
    assert {m['status'] for m in members} == {'Online'}


def test_the_clusters_profile_moved(host):
    assert '/1.0/profiles/migrated' in incus(host, '/1.0/profiles')


def test_every_members_tool_finished_under_its_supervisor(host):
    # The converge's first play stopped on a killed daemon; the rerun finished what it started.
    assert host.file('/var/lib/armhv/lxd-to-incus.status').content_string.startswith('exit 0 ')
    assert host.file('/run/armhv-fault-hit').exists == (host.backend.get_hostname() == 'armhv-mig-3')
