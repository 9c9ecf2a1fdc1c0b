# -*- coding: utf-8 -*-
"""What the roles left on a Debian 13 test host converged without host_daemon: Incus, read from the
host itself and, for TLS and the firewall, from the controller on the test bridge."""

import http.client
import ipaddress
import json
import os
import socket
import ssl

from cryptography import x509

HOST = '198.18.12.33'


def incus(host, path):
    return json.loads(host.check_output('incus query %s' % path))


def test_incus_installed_held_and_lxd_absent(host):
    for package in ('incus-base', 'incus-client', 'nftables'):
        assert host.package(package).is_installed
    assert not host.package('incus').is_installed
    assert not host.package('lxd').is_installed
    assert 'hold' in host.check_output('dpkg --get-selections incus-base')
    assert host.service('incus').is_running


def test_pylxd_in_the_virtualenv_that_sees_debian_libraries(host):
    python = '/opt/armhv/venv/bin/python'
    assert host.run('%s -c "import pylxd, pyroute2, cryptography"' % python).rc == 0
    assert host.run('/usr/bin/python3 -c "import pylxd"').rc != 0


def test_incus_serves_https_on_the_chosen_address(host):
    server = incus(host, '/1.0')
    assert server['environment']['server'] == 'incus'
    assert server['config']['core.https_address'] == '[::]:8443'
    assert server['environment']['firewall'] == 'nftables'


def test_bridge_and_pools(host):
    link = json.loads(host.check_output('ip -j -d addr show br-test'))[0]
    assert '198.18.30.1' in [a['local'] for a in link['addr_info']]
    assert host.file('/etc/systemd/network/50-armhv-br-test.netdev').exists
    assert incus(host, '/1.0/storage-pools/fast')['description'] == 'second pool'


def test_instances_running_where_declared(host):
    assert incus(host, '/1.0/instances/demo1')['config']['limits.memory'] == '64MiB'
    web1 = incus(host, '/1.0/instances/web1')
    assert web1['status'] == 'Running'
    assert web1['devices']['root']['pool'] == 'fast'
    assert 'veth' in host.check_output('ip -o link show master br-test')


def test_incus_serves_a_certificate_from_our_ca(host):
    served = x509.load_pem_x509_certificate(ssl.get_server_certificate((HOST, 8443)).encode())
    ca = x509.load_pem_x509_certificate(host.file('/etc/armhv/pki/ca.crt').content)
    assert served == x509.load_pem_x509_certificate(host.file('/var/lib/incus/server.crt').content)
    served.verify_directly_issued_by(ca)
    names = served.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert ipaddress.ip_address(HOST) in names.get_values_for_type(x509.IPAddress)


def test_controller_certificate_is_trusted(host, tmp_path):
    ca = tmp_path / 'ca.crt'
    ca.write_bytes(host.file('/etc/armhv/pki/ca.crt').content)
    context = ssl.create_default_context(cafile=str(ca))
    keys = os.environ['MOLECULE_EPHEMERAL_DIRECTORY']
    context.load_cert_chain(os.path.join(keys, 'controller.crt'), os.path.join(keys, 'controller.key'))
    with socket.create_connection((HOST, 8443), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=HOST) as tls:
            tls.sendall(b'GET /1.0 HTTP/1.0\r\nHost: incus\r\n\r\n')
            reply = b''.join(iter(lambda: tls.recv(65536), b''))
    assert json.loads(reply.split(b'\r\n\r\n', 1)[1])['metadata']['auth'] == 'trusted'


def test_firewall_loaded_and_closed_to_the_controller(host):
    assert 'policy drop' in host.check_output('nft list table inet armhv')
    try:
        socket.create_connection((HOST, 9999), timeout=3).close()
        reached = True
    except OSError:
        reached = False
    assert not reached


def test_backup_kept_one_of_each_and_restored_demo1(host):
    web1 = [s for s in incus(host, '/1.0/instances/web1/snapshots?recursion=1') if s['name'].startswith('armhv-')]
    # Two runs, maybe in the same second: one or two snapshots, each expiring (the daemon deletes it then).
    assert 1 <= len(web1) <= 2 and all(not s['expires_at'].startswith('0001-') for s in web1)
    exports = host.check_output('ls /var/backups/armhv/instances').split()
    assert sorted(e.split('-2')[0] for e in exports) == ['demo1', 'web1']
    archive = host.check_output('ls -d /var/backups/armhv/control-plane/control-plane-*.tar.gz')
    members = host.check_output('tar -tzf %s' % archive)
    for name in ('global.sql', 'local.sql', 'server.crt', 'profiles.json', 'pki/ca.crt'):
        assert name in members
    assert incus(host, '/1.0/instances/demo1')['status'] == 'Running'


# --- the management API on Incus: its confined credential, its restricted project.

def api_call(context, method, path, body=None, token=None):
    connection = http.client.HTTPSConnection(HOST, 8444, context=context, timeout=30)
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['Authorization'] = 'Bearer ' + token
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    answer = connection.getresponse()
    return answer.status, json.loads(answer.read() or b'null')


def test_api_reaches_incus_confined_to_its_project(host, tmp_path):
    assert host.service('armhv-api').is_running
    groups = host.check_output('id -nG armhv-api').split()
    assert 'incus-admin' not in groups and 'incus' not in groups
    assert incus(host, '/1.0/projects/armhv-api')['config']['restricted'] == 'true'
    confined = [c for c in incus(host, '/1.0/certificates?recursion=1') if c['name'].startswith('armhv-api-confined-')]
    assert len(confined) == 1 and confined[0]['restricted'] and confined[0]['projects'] == ['armhv-api']
    ca = tmp_path / 'ca.crt'
    ca.write_bytes(host.file('/etc/armhv/pki/ca.crt').content)
    context = ssl.create_default_context(cafile=str(ca))
    assert api_call(context, 'GET', '/ready')[0] == 200
    token = api_call(context, 'POST', '/api/v1/auth/token',
                     {'username': 'admin', 'password': 'molecule admin password'})[1]['access_token']
    status, refused = api_call(context, 'POST', '/api/v1/containers', {
        'name': 'apipriv', 'image': 'armhv-busybox', 'config': {'security.privileged': 'true'}}, token)
    assert status == 403, refused
    status, made = api_call(context, 'POST', '/api/v1/containers', {'name': 'apiplain', 'image': 'armhv-busybox'},
                            token)
    try:
        assert status == 201, made
        assert host.check_output('incus list --project armhv-api --format csv -c n') == 'apiplain'
    finally:
        api_call(context, 'DELETE', '/api/v1/containers/apiplain', token=token)
