"""The harden role's firewall-state probe: the firewall steps are skipped on what it prints, so each
difference those steps would repair must show in its output."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import subprocess

import pytest

SCRIPT = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'roles', 'harden', 'files', 'firewall-state')
RULESET = b'table inet armhv\ndelete table inet armhv\n'
REVISION = 'armhv-rev-0123abcd'


def fake_tool(folder, name, output):
    """A stand-in for nft or systemctl on PATH that prints a fixed text."""
    path = os.path.join(str(folder), name)
    with open(path, 'w') as handle:
        handle.write('#!/bin/sh\ncat <<"EOF"\n%s\nEOF\n' % output)
    os.chmod(path, 0o755)


@pytest.fixture
def host(tmp_path):
    """A converged host in tmp_path: ruleset folder and file, the table loaded, the boot include."""
    bin_dir, fw_dir = tmp_path / 'bin', tmp_path / 'nftables'
    bin_dir.mkdir()
    fw_dir.mkdir(mode=0o700)
    os.chmod(str(fw_dir), 0o700)
    (fw_dir / 'armhv.nft').write_bytes(RULESET)
    os.chmod(str(fw_dir / 'armhv.nft'), 0o600)
    conf = tmp_path / 'nftables.conf'
    conf.write_text('flush ruleset\ninclude "%s/armhv.nft"\n' % fw_dir)
    os.chmod(str(conf), 0o755)
    fake_tool(bin_dir, 'nft', 'table inet armhv {\n\tcomment "%s"\n}' % REVISION)
    fake_tool(bin_dir, 'systemctl', 'enabled')
    return tmp_path


def state(host):
    done = subprocess.run(['sh', SCRIPT, str(host / 'nftables'), REVISION, str(host / 'nftables.conf')],
                          env=dict(os.environ, PATH='%s:%s' % (host / 'bin', os.environ['PATH'])),
                          stdout=subprocess.PIPE, check=True, universal_newlines=True)
    return dict(line.partition(' ')[::2] for line in done.stdout.splitlines())


def test_converged(host):
    assert state(host) == {'dir': '700', 'file': '600 ' + hashlib.sha1(RULESET).hexdigest(), 'loaded': 'yes',
                           'boot': '755', 'enabled': 'enabled'}


def test_folder_mode(host):
    os.chmod(str(host / 'nftables'), 0o755)
    assert state(host)['dir'] == '755'


def test_ruleset_changed_or_missing(host):
    (host / 'nftables' / 'armhv.nft').write_bytes(RULESET + b'# edited\n')
    assert state(host)['file'] == '600 ' + hashlib.sha1(RULESET + b'# edited\n').hexdigest()
    (host / 'nftables' / 'armhv.nft').unlink()
    assert state(host)['file'] == ''


def test_ruleset_mode(host):
    os.chmod(str(host / 'nftables' / 'armhv.nft'), 0o644)
    assert state(host)['file'].startswith('644 ')


def test_other_revision_loaded(host):
    fake_tool(host / 'bin', 'nft', 'table inet armhv {\n\tcomment "armhv-rev-older"\n}')
    assert state(host)['loaded'] == 'no'


def test_no_table_loaded(host):
    (host / 'bin' / 'nft').write_text('#!/bin/sh\necho "Error: No such file or directory" >&2\nexit 1\n')
    assert state(host)['loaded'] == 'no'


def test_boot_include_missing(host):
    (host / 'nftables.conf').write_text('flush ruleset\n')
    assert state(host)['boot'] == ''
    (host / 'nftables.conf').unlink()
    assert state(host)['boot'] == ''


def test_boot_conf_mode(host):
    os.chmod(str(host / 'nftables.conf'), 0o600)
    assert state(host)['boot'] == '600'


def test_not_enabled(host):
    fake_tool(host / 'bin', 'systemctl', 'disabled')
    assert state(host)['enabled'] == 'disabled'
