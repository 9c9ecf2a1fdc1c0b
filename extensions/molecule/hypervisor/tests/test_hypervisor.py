# -*- coding: utf-8 -*-
"""What the roles and the modules left on the test host, read from the host itself and, for TLS and
the firewall, from the controller on the test bridge."""

import datetime
import http.client
import ipaddress
import json
import os
import shlex
import socket
import ssl
import subprocess
import time

from cryptography import x509


def lxd(host, path):
    return json.loads(host.check_output('lxc query %s' % shlex.quote(path)))


def test_lxd_installed_and_held(host):
    assert host.package('lxd').is_installed
    assert host.package('nftables').is_installed
    assert host.package('python3-pylxd').is_installed
    assert 'hold' in host.check_output('dpkg --get-selections lxd')


def test_lxd_serves_https_on_the_chosen_address(host):
    assert host.socket('tcp://0.0.0.0:8443').is_listening or host.socket('tcp://:::8443').is_listening
    config = lxd(host, '/1.0')['config']
    assert config['core.https_address'] == '[::]:8443'
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


# --- harden: read from the controller, which is 198.18.12.1 on the test bridge (another namespace).

HOST = '198.18.12.31'


def connect(port, timeout=3):
    """True when a TCP connection from the controller to the host's port is accepted."""
    try:
        socket.create_connection((HOST, port), timeout=timeout).close()
        return True
    except OSError:
        return False


def listening(host, port):
    """A throwaway listener on the host, on every address."""
    host.check_output(
        'systemd-run --collect timeout 60 python3 -m http.server %d --bind 0.0.0.0' % port)
    host.check_output('timeout 10 sh -c "until ss -Htln | grep -q :%d; do sleep 0.2; done"' % port)


def test_lxd_serves_a_certificate_from_our_ca(host):
    served = x509.load_pem_x509_certificate(ssl.get_server_certificate((HOST, 8443)).encode())
    ca = x509.load_pem_x509_certificate(host.file('/etc/armhv/pki/ca.crt').content)
    on_disk = x509.load_pem_x509_certificate(host.file('/var/lib/lxd/server.crt').content)
    assert served == on_disk
    served.verify_directly_issued_by(ca)
    names = served.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert ipaddress.ip_address(HOST) in names.get_values_for_type(x509.IPAddress)


def test_controller_certificate_is_trusted_and_server_verifies(host, tmp_path):
    ca = tmp_path / 'ca.crt'
    ca.write_bytes(host.file('/etc/armhv/pki/ca.crt').content)
    context = ssl.create_default_context(cafile=str(ca))
    keys = os.environ['MOLECULE_EPHEMERAL_DIRECTORY']
    context.load_cert_chain(os.path.join(keys, 'controller.crt'), os.path.join(keys, 'controller.key'))
    with socket.create_connection((HOST, 8443), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=HOST) as tls:
            tls.sendall(b'GET /1.0 HTTP/1.0\r\nHost: lxd\r\n\r\n')
            reply = b''.join(iter(lambda: tls.recv(65536), b''))
    assert json.loads(reply.split(b'\r\n\r\n', 1)[1])['metadata']['auth'] == 'trusted'


def test_firewall_table_loaded_and_kept(host):
    table = host.check_output('nft list table inet armhv')
    assert 'policy drop' in table
    assert 'comment "armhv ' in table
    assert not host.file('/run/armhv-nft/revert.pid').exists
    assert 'include "/etc/armhv/nftables/armhv.nft"' in host.file('/etc/nftables.conf').content_string


def test_blocked_port_refuses_the_controller_but_answers_locally(host):
    listening(host, 9999)
    assert host.run('python3 -c "import socket; socket.create_connection((\'127.0.0.1\', 9999), 3)"').rc == 0
    assert not connect(9999)


def test_allowed_port_answers_the_controller(host):
    listening(host, 9100)
    assert connect(9100)


def test_unconfirmed_ruleset_is_taken_back(host):
    """Loaded and listed in one command: each check_output is an Ansible run of its own, which on a busy
    machine took longer than the revert, so a second command could find the old ruleset back already."""
    before = host.check_output('nft list table inet armhv')
    host.check_output('printf "table inet armhv\\ndelete table inet armhv\\ntable inet armhv {}\\n" >/tmp/empty.nft')
    loaded = host.check_output('/usr/local/sbin/armhv-nft-apply start /tmp/empty.nft 10 >/dev/null'
                               ' && nft list table inet armhv')
    assert 'table inet armhv' in loaded and 'policy drop' not in loaded
    host.check_output('timeout 40 sh -c "until nft list table inet armhv | grep -q \'policy drop\'; do sleep 0.5; done"')
    assert host.check_output('nft list table inet armhv') == before


def wait_for_ipv4(host, instance, prefix):
    script = ('for i in $(seq 60); do lxc list %s -c 4 --format csv | grep -o "^%s[0-9.]*" && exit 0; sleep 1; '
              'done; exit 1' % (instance, prefix.replace('.', '\\.')))
    return host.check_output("sh -c '%s'" % script)


def test_guests_on_a_network_made_after_harden_get_dhcp_and_dns(host):
    """harden loaded its ruleset before this LXD network existed; its guests are served without a rerun."""
    host.check_output('lxc network create armhvlate0 ipv4.address=198.18.41.1/24 ipv4.nat=false ipv6.address=none')
    try:
        host.check_output('lxc launch armhv-busybox late1 --network armhvlate0')
        assert wait_for_ipv4(host, 'late1', '198.18.41.').startswith('198.18.41.')
        assert host.run('lxc exec late1 -- nc -w 3 198.18.41.1 53 </dev/null').rc == 0
    finally:
        host.run('lxc delete --force late1; lxc network delete armhvlate0')


def test_an_instance_from_the_default_profile_gets_an_address_on_the_managed_network(host):
    """network_managed made armhvnet1 (DHCP, NAT) and profiles_list put a NIC on it in the default profile."""
    try:
        host.check_output('lxc launch armhv-busybox plain1')
        assert wait_for_ipv4(host, 'plain1', '198.18.34.').startswith('198.18.34.')
    finally:
        host.run('lxc delete --force plain1')


def test_the_tenant_project_and_its_own_default_profile(host):
    project = json.loads(host.check_output('lxc query /1.0/projects/tenant'))
    assert project['config']['limits.containers'] == '2' and project['config']['features.profiles'] == 'true'
    profile = json.loads(host.check_output('lxc query /1.0/profiles/default?project=tenant'))
    assert profile['devices'] == {'root': {'type': 'disk', 'path': '/', 'pool': 'default'}}


def test_an_uplink_bridge_stays_closed_to_guests_dns(host):
    """br-test is declared an uplink (harden_firewall_uplinks): a guest on it cannot reach the host's port 53."""
    host.check_output('systemd-run --unit armhv-dns53 --collect timeout 60 python3 -m http.server 53 --bind 198.18.30.1')
    try:
        host.check_output('timeout 10 sh -c "until ss -Htln | grep -q 198.18.30.1:53; do sleep 0.2; done"')
        host.check_output('lxc exec web1 -- ip addr replace 198.18.30.77/24 dev eth0')
        # The guest reaches the host (ICMP is open), the port answers locally, yet not to the guest.
        assert host.run('lxc exec web1 -- ping -c 1 -W 3 198.18.30.1').rc == 0
        assert host.run('python3 -c "import socket; socket.create_connection((\'198.18.30.1\', 53), 3)"').rc == 0
        assert host.run('lxc exec web1 -- nc -w 3 198.18.30.1 53 </dev/null').rc != 0
    finally:
        host.run('lxc exec web1 -- ip addr del 198.18.30.77/24 dev eth0; systemctl stop armhv-dns53')


def test_sysctl_applied_where_the_kernel_lets_us(host):
    assert host.file('/proc/sys/net/ipv4/ip_forward').content_string.strip() == '1'
    persisted = host.file('/etc/sysctl.d/60-armhv-hypervisor.conf').content_string
    assert 'net.ipv4.ip_forward=1' in persisted.replace(' ', '')
    # Not namespaced, so read-only in a container: skipped, never written to the file.
    assert 'kernel.kptr_restrict' not in persisted


# --- backup (side_effect ran it twice with a day's expiry and retention 1, then deleted and restored demo1)

def test_armhv_snapshots_expire_in_a_day_the_api_projects_too(host):
    now = time.time()
    for path in ('/1.0/instances/web1/snapshots?recursion=1',
                 '/1.0/instances/apibox/snapshots?recursion=1&project=armhv-api'):
        snapshots = lxd(host, path)
        ours = [s for s in snapshots if s['name'].startswith('armhv-')]
        assert ours, path
        for snapshot in ours:
            expires = datetime.datetime.strptime(snapshot['expires_at'][:19], '%Y-%m-%dT%H:%M:%S')
            left = expires.replace(tzinfo=datetime.timezone.utc).timestamp() - now
            assert 20 * 3600 < left <= 24 * 3600, (path, snapshot['name'], snapshot['expires_at'])
    # Restored from an --instance-only export: no snapshots come back.
    assert lxd(host, '/1.0/instances/demo1/snapshots') == []


def test_one_export_per_instance_and_one_private_archive(host):
    exports = host.check_output('ls /var/backups/armhv/instances').split()
    # Another project's instance is NAME.PROJECT.
    assert sorted(e.split('-2')[0] for e in exports) == ['apibox.armhv-api', 'demo1', 'web1']
    archives = host.check_output('ls /var/backups/armhv/control-plane').split()
    assert len(archives) == 1
    archive = host.file('/var/backups/armhv/control-plane/' + archives[0])
    assert archive.mode == 0o600
    members = host.check_output('tar -tzf %s' % archive.path)
    for name in ('global.sql', 'local.sql', 'server.crt', 'server.key', 'profiles.json', 'pki/ca.crt',
                 'api-config/jwt_secret', 'api-config/harden.toml'):
        assert name in members


def test_archive_holds_a_consistent_copy_of_the_api_database(host):
    archive = host.check_output('ls -d /var/backups/armhv/control-plane/control-plane-*.tar.gz')
    host.check_output('rm -rf /tmp/cp-check && mkdir /tmp/cp-check && tar -xzf %s -C /tmp/cp-check' % archive)
    users = host.check_output(
        'python3 -c "import sqlite3; print(sqlite3.connect(\'/tmp/cp-check/api.db\')'
        '.execute(\'select username, role from users\').fetchall())"')
    host.run('rm -rf /tmp/cp-check')
    assert users == "[('admin', 'admin')]"


def test_restored_instance_runs(host):
    assert lxd(host, '/1.0/instances/demo1')['status'] == 'Running'


def test_a_bad_role_entry_left_nothing(host):
    assert not host.interface('br-good').exists
    assert not host.file('/etc/systemd/network/50-armhv-br-good.netdev').exists


# --- the management API (api role, hardened): under systemd, TLS only, admin networks only.

API = 8444


def api_context(host, tmp_path):
    ca = tmp_path / 'ca.crt'
    ca.write_bytes(host.file('/etc/armhv/pki/ca.crt').content)
    return ssl.create_default_context(cafile=str(ca))


def api_call(context, method, path, body=None, token=None):
    connection = http.client.HTTPSConnection(HOST, API, context=context, timeout=30)
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['Authorization'] = 'Bearer ' + token
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    answer = connection.getresponse()
    return answer.status, json.loads(answer.read() or b'null')


def test_api_runs_sandboxed_under_systemd(host):
    service = host.service('armhv-api')
    assert service.is_running and service.is_enabled
    shown = host.check_output('systemctl show armhv-api -p User -p NoNewPrivileges -p CapabilityBoundingSet '
                              '-p ProtectSystem -p AmbientCapabilities')
    assert 'User=armhv-api' in shown and 'NoNewPrivileges=yes' in shown and 'ProtectSystem=strict' in shown
    assert 'CapabilityBoundingSet=cap_net_admin' in shown and 'AmbientCapabilities=cap_net_admin' in shown
    pid = host.check_output('systemctl show armhv-api -p MainPID --value')
    assert host.check_output('ps -o user= -p %s' % pid) == 'armhv-api'
    secret = host.file('/etc/armhv/api/jwt_secret')
    assert secret.user == 'root' and secret.mode == 0o600 and len(secret.content_string.strip()) == 64


def test_api_answers_over_tls_only(host, tmp_path):
    context = api_context(host, tmp_path)
    assert api_call(context, 'GET', '/ready') == (200, {'status': 'ready',
                                                        'checks': {'schema': 'current', 'lxd': 'reachable'}})
    plain = http.client.HTTPConnection(HOST, API, timeout=10)
    try:
        plain.request('GET', '/health')
        reply = plain.getresponse().status
    except (http.client.HTTPException, OSError):
        reply = None
    assert reply in (None, 400)
    status, token = api_call(context, 'POST', '/api/v1/auth/token',
                             {'username': 'admin', 'password': 'molecule admin password'})
    assert status == 200
    status, containers = api_call(context, 'GET', '/api/v1/containers', token=token['access_token'])
    # The service works in its own restricted project: the instances role's containers are not in it.
    assert status == 200 and not {'demo1', 'web1'} & {c['name'] for c in containers}


def test_api_serves_the_web_ui_over_tls(host, tmp_path):
    """The page itself at /ui/ (no credentials, no redirect), under a CSP with no inline script, and its
    assets by relative URL from the wheel the role installed."""
    connection = http.client.HTTPSConnection(HOST, API, context=api_context(host, tmp_path), timeout=30)
    connection.request('GET', '/ui/')
    page = connection.getresponse()
    body = page.read().decode('utf-8')
    policy = page.getheader('Content-Security-Policy')
    assert page.status == 200 and '<script type="module" src="app.js">' in body
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and 'unsafe' not in policy
    connection.request('GET', '/ui/app.js')
    script = connection.getresponse()
    assert script.status == 200 and 'javascript' in script.getheader('Content-Type')
    script.read()


def test_api_is_confined_by_lxd_and_refuses_risky_settings(host, tmp_path):
    """Out of LXD's group; its project restricted; its confined certificate trusted for that project
    only; the API refuses a privileged container (403) and makes a plain one in its project."""
    assert 'lxd' not in host.check_output('id -nG armhv-api').split()
    config = json.loads(host.check_output('lxc query /1.0/projects/armhv-api'))['config']
    assert config['restricted'] == 'true' and config['restricted.containers.privilege'] == 'unprivileged'
    trusted = json.loads(host.check_output('lxc query /1.0/certificates?recursion=1'))
    confined = [c for c in trusted if c['name'].startswith('armhv-api-confined-')]
    assert len(confined) == 1 and confined[0]['restricted'] and confined[0]['projects'] == ['armhv-api']
    context = api_context(host, tmp_path)
    token = api_call(context, 'POST', '/api/v1/auth/token',
                     {'username': 'admin', 'password': 'molecule admin password'})[1]['access_token']
    status, refused = api_call(context, 'POST', '/api/v1/containers', {
        'name': 'apipriv', 'image': 'armhv-busybox', 'config': {'security.privileged': 'true'}}, token)
    assert status == 403 and 'may not set security.privileged' in refused['error']['message']
    status, made = api_call(context, 'POST', '/api/v1/containers', {'name': 'apiplain', 'image': 'armhv-busybox'},
                            token)
    try:
        assert status == 201, made
        # apibox is side_effect's, made to be backed up with the others.
        assert host.check_output('lxc list --project armhv-api --format csv -c n').split() == ['apibox', 'apiplain']
    finally:
        api_call(context, 'DELETE', '/api/v1/containers/apiplain', token=token)


def test_api_port_closed_to_other_networks(host):
    """From a namespace on the test bridge that is not an admin network, the API port does not answer."""
    namespace = 'armhvna'
    setup = ('ip netns add {ns}; ip link add {ns}-h type veth peer name eth0 netns {ns}; '
             'ip link set {ns}-h master armhvmbr0 up; ip -n {ns} addr add 198.18.12.77/24 dev eth0; '
             'ip -n {ns} link set eth0 up').format(ns=namespace)
    probe = ('ip netns exec %s python3 -c "import socket; socket.create_connection((\'%s\', %d), 3)"'
             % (namespace, HOST, API))
    listening(host, 9100)
    try:
        subprocess.run(setup, shell=True, check=True)
        assert subprocess.run(probe, shell=True, capture_output=True, check=False).returncode != 0
        allowed = subprocess.run(probe.replace(str(API), '9100'), shell=True, capture_output=True, check=False)
        assert allowed.returncode == 0
    finally:
        subprocess.run('ip netns delete %s; ip link delete %s-h' % (namespace, namespace), shell=True,
                       capture_output=True, check=False)
