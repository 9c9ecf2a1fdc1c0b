"""The service refuses to start on each insecure configuration, with a message that says why."""

import os

import pytest

from conftest import BIN, SECRET, run

GOOD = '[auth]\njwt_secret = "%s"\n[database]\npath = "%s"\n'
SEED = 'your-super-secret-jwt-key-change-this-in-production'


def serve(tmp_path, text, env=None):
    config = tmp_path / 'config.toml'
    config.write_text(text)
    environ = dict(os.environ)
    environ.pop('ARMHV_API_JWT_SECRET', None)
    environ.update(env or {})
    return run(os.path.join(BIN, 'armhv-api'), '--config', str(config), 'serve', env=environ, check=False)


@pytest.mark.parametrize('text, message', [
    ('[auth]\njwt_secret = "%s"\n' % SEED, "jwt_secret is the seed's published default secret"),
    ('[auth]\njwt_secret = "short-secret-31-bytes-xxxxxxxxx"\n', 'jwt_secret is 31 bytes; it must be at least 32'),
    ('[server]\nport = 8444\n', 'auth.jwt_secret is not set'),
    ('[auth]\njwt_secret = "%s"\n[cors]\norigins = ["*"]\n' % SECRET, 'cors.origins = ["*"] lets any web page'),
    ('[auth]\njwt_secret = "%s"\n[server]\nhost = "0.0.0.0"\n' % SECRET,
     'server.host 0.0.0.0 is not a loopback address and [tls] cert and key are not set'),
    ('[auth]\njwt_secret = "%s"\n[server]\nhost = "198.18.30.2"\n[tls]\ncert = "/nonexistent.crt"\n'
     'key = "/nonexistent.key"\n' % SECRET, 'cannot read TLS file /nonexistent.crt'),
    ('[auth]\njwt_secret = "%s"\n[tls]\ncert = "/etc/hostname"\n' % SECRET, 'tls.cert and tls.key must be given together'),
    ('[auth]\njwt_secret = "%s"\nalgorithm = "none"\n' % SECRET, 'auth.algorithm: Extra inputs are not permitted'),
    ('[auth]\njwt_secret = "%s"\ntoken_ttl = 7200\nmax_token_ttl = 3600\n' % SECRET,
     'auth.token_ttl (7200 s) is over auth.max_token_ttl (3600 s)'),
    ('[auth]\njwt_secret = "%s"\n[policy]\nadmin_allowed = ["security.privileged", "security.privilegd"]\n' % SECRET,
     'policy.admin_allowed: security.privilegd names no risky setting'),
    ('[auth]\njwt_secret = "%s"\n[lxd]\nconfined_url = "http://198.18.30.2:8443"\n' % SECRET,
     'lxd.confined_url, lxd.confined_cert and lxd.confined_key go together'),
    ('[server]\nport = "eighty"\n', 'server.port: Input should be a valid integer'),
    ('[server\n', 'is not valid TOML'),
])
def test_refusals(tmp_path, text, message):
    result = serve(tmp_path, text)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and 'Traceback' not in result.stderr, result.stderr
    assert result.stderr.startswith('armhv-api: ')


def test_environment_wins_and_is_checked(tmp_path):
    result = serve(tmp_path, GOOD % (SECRET, tmp_path / 'db'), env={'ARMHV_API_JWT_SECRET': SEED})
    assert result.returncode == 2 and "seed's published default" in result.stderr


def test_dev_mode_allows_wildcard_origins(tmp_path):
    config = tmp_path / 'config.toml'
    config.write_text(GOOD % (SECRET, tmp_path / 'db') + '[cors]\norigins = ["*"]\n[server]\ndev_mode = true\n')
    result = run(os.path.join(BIN, 'armhv-api'), '--config', str(config), 'check-config', check=False)
    assert result.returncode == 0, result.stderr
