"""The harden role's pki-current gate: the TLS steps are skipped only when it prints "current", so
every difference those steps would repair must make it print "stale"."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import os
import shutil
import subprocess

import pytest

x509 = pytest.importorskip('cryptography.x509')
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'roles', 'harden', 'files', 'pki-current')
NAMES = ('DNS:hv1', 'IP:127.0.0.1')
DAY = datetime.timedelta(days=1)


def key(curve=ec.SECP384R1):
    return ec.generate_private_key(curve())


def write_key(path, private):
    with open(path, 'wb') as handle:
        handle.write(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    os.chmod(path, 0o600)


def write_cert(path, cert):
    with open(path, 'wb') as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    os.chmod(path, 0o644)


def certificate(subject_key, cn, issuer_key, issuer_cn, sans=(), usages=(), days=825, ca=False):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_cn)]))
               .public_key(subject_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - DAY).not_valid_after(now + days * DAY))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                        critical=True)
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName([san(name) for name in sans]), critical=False)
    if usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(usages)), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def san(name):
    kind, value = name.split(':', 1)
    return x509.IPAddress(ipaddress.ip_address(value)) if kind == 'IP' else x509.DNSName(value)


SERVER = (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)
CLIENT = (ExtendedKeyUsageOID.CLIENT_AUTH,)


@pytest.fixture
def pki(tmp_path):
    """What the TLS steps leave on a standalone CA host named hv1."""
    folder, lxd = tmp_path / 'pki', tmp_path / 'lxd'
    folder.mkdir(mode=0o700)
    lxd.mkdir()
    ca_key = key()
    write_key(folder / 'ca.key', ca_key)
    write_cert(folder / 'ca.crt', certificate(ca_key, 'armhv CA', ca_key, 'armhv CA', ca=True, days=3650))
    for kind, sans, usages in (('server', NAMES, SERVER), ('client', ['DNS:hv1'], CLIENT)):
        private = key()
        write_key(folder / (kind + '.key'), private)
        write_cert(folder / (kind + '.crt'), certificate(private, 'hv1', ca_key, 'armhv CA', sans, usages))
    for name in ('server.crt', 'server.key'):
        shutil.copy2(folder / name, lxd / name)
    return folder, lxd


def gate(pki, names=NAMES, cn='hv1', ca_here='yes', renew=30 * 86400):
    folder, lxd = pki
    done = subprocess.run(['sh', SCRIPT, str(folder), str(lxd), str(renew), cn, ca_here] + list(names),
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_what_the_steps_leave_is_current(pki):
    lines = gate(pki)
    assert lines[-1] == 'current' and lines[0].startswith('ca ') and len(lines[0]) == 3 + 64


def test_a_host_without_the_ca_key_is_current_too(pki):
    os.remove(pki[0] / 'ca.key')
    assert gate(pki, ca_here='no')[-1] == 'current'


def replace_leaf(pki, kind, **overrides):
    folder = pki[0]
    ca_key = serialization.load_pem_private_key((folder / 'ca.key').read_bytes(), None)
    private = serialization.load_pem_private_key((folder / (kind + '.key')).read_bytes(), None)
    args = dict(subject_key=private, cn='hv1', issuer_key=ca_key, issuer_cn='armhv CA',
                sans=NAMES if kind == 'server' else ['DNS:hv1'], usages=SERVER if kind == 'server' else CLIENT)
    args.update(overrides)
    write_cert(folder / (kind + '.crt'), certificate(**args))


STALE = {
    'a key readable by others': lambda pki: os.chmod(pki[0] / 'server.key', 0o644),
    'the folder open': lambda pki: os.chmod(pki[0], 0o755),
    'a missing client key': lambda pki: os.remove(pki[0] / 'client.key'),
    'a P-256 key': lambda pki: write_key(pki[0] / 'client.key', key(ec.SECP256R1)),
    'a certificate for another key': lambda pki: write_key(pki[0] / 'server.key', key()),
    'a CA key for another CA': lambda pki: write_key(pki[0] / 'ca.key', key()),
    'signed by another CA': lambda pki: replace_leaf(pki, 'server', issuer_key=key()),
    'due for renewal': lambda pki: replace_leaf(pki, 'client', days=10),
    'another common name': lambda pki: replace_leaf(pki, 'client', cn='hv2', sans=['DNS:hv2']),
    'a name missing': lambda pki: replace_leaf(pki, 'server', sans=['DNS:hv1']),
    'a client usage only on the server': lambda pki: replace_leaf(pki, 'server', usages=CLIENT),
    'LXD serving an older certificate': lambda pki: write_cert(pki[1] / 'server.crt', certificate(
        key(), 'hv1', key(), 'old', NAMES, SERVER)),
    'LXD without the key': lambda pki: os.remove(pki[1] / 'server.key'),
}


CA_STALE = ('a CA key for another CA', 'a CA key readable by others', 'a P-256 CA key')
STALE['a CA key readable by others'] = lambda pki: os.chmod(pki[0] / 'ca.key', 0o644)
STALE['a P-256 CA key'] = lambda pki: write_key(pki[0] / 'ca.key', key(ec.SECP256R1))


@pytest.mark.parametrize('change', sorted(STALE))
def test_each_difference_is_stale(pki, change):
    STALE[change](pki)
    lines = gate(pki)
    prefix = 'stale ca: ' if change in CA_STALE else 'stale: '
    assert 'current' not in lines and any(line.startswith(prefix) for line in lines), lines


def test_names_the_role_now_wants_make_it_stale(pki):
    assert gate(pki, names=NAMES + ('DNS:hv1.example.org',))[-1].startswith('stale: ')
