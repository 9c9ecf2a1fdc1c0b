"""The service's TOML configuration: parsed, merged, overridden from the environment and refused
at startup when it is unsafe."""

import ipaddress
import os
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.plugins.module_utils._policy import RULE_NAMES, risky_key

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

SEED_JWT_SECRET = 'your-super-secret-jwt-key-change-this-in-production'
MIN_SECRET_BYTES = 32
# Secrets (and the paths of secret files) the environment may set; they win over the files.
ENVIRONMENT = {
    'ARMHV_API_JWT_SECRET': ('auth', 'jwt_secret'),
    'ARMHV_API_JWT_SECRET_FILE': ('auth', 'jwt_secret_file'),
    'ARMHV_API_METRICS_TOKEN': ('metrics', 'token'),
    'ARMHV_API_DATABASE': ('database', 'path'),
}


class Section(BaseModel):
    model_config = ConfigDict(extra='forbid')


class Server(Section):
    host: str = '127.0.0.1'
    port: int = Field(8444, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=1)
    keepalive: int = Field(5, ge=1, le=300)
    client_timeout: float = Field(60, gt=0, le=3600)
    max_connections: int = Field(100, ge=1)
    max_body_bytes: int = Field(1048576, ge=1024)
    shutdown_timeout: float = Field(20, gt=0, le=600)
    dev_mode: bool = False


class Auth(Section):
    jwt_secret: str = ''
    jwt_secret_file: str = ''
    token_ttl: int = Field(900, ge=60, le=86400)
    # A token whose exp - iat is longer is refused, whoever signed it.
    max_token_ttl: int = Field(86400, ge=60, le=86400)
    issuer: str = 'armhv-api'
    audience: str = 'armhv'
    key_grace_seconds: int = Field(3600, ge=0, le=30 * 86400)
    # Roles whose users must have a second factor; such a user without one can only enrol.
    require_mfa: list[Literal['viewer', 'operator', 'admin']] = []


class Tls(Section):
    cert: str = ''
    key: str = ''


class Ui(Section):
    # The web UI at /ui/ (its page and assets need no credentials; everything it shows comes from the API).
    enabled: bool = True


class Cors(Section):
    origins: list[str] = []


class RateLimit(Section):
    enabled: bool = True
    per_address: str = '300/minute'
    per_key: str = '600/minute'
    login: str = '10/minute'


class Database(Section):
    path: str = '/var/lib/armhv-api/api.db'


class Logging(Section):
    level: str = Field('INFO', pattern='^(DEBUG|INFO|WARNING|ERROR)$')
    format: str = Field('json', pattern='^(json|text)$')


class Lxd(Section):
    url: str = ''
    client_cert: str = ''
    client_key: str = ''
    server_cert: str = ''
    project: str = 'default'
    timeout: int = Field(120, ge=1, le=3600)
    # The credential LXD confines (a client certificate trusted as restricted to `project`): every write
    # an operator can reach goes through it. The api role sets it up.
    confined_url: str = ''
    confined_cert: str = ''
    confined_key: str = ''

    @property
    def confined(self):
        return bool(self.confined_url or self.confined_cert or self.confined_key)


class Policy(Section):
    # Rows of the instance policy's table (module_utils/_policy.py: config keys, key prefixes such as
    # "raw.", device types) that admins may have; operators never may. The LXD project's restrictions
    # must allow the same (docs/api.md).
    admin_allowed: list[str] = []


class Network(Section):
    persist: bool = False
    persist_root: str = '/'


class Metrics(Section):
    token: str = ''


class Settings(Section):
    server: Server = Server()
    auth: Auth = Auth()
    tls: Tls = Tls()
    cors: Cors = Cors()
    rate_limit: RateLimit = RateLimit()
    database: Database = Database()
    logging: Logging = Logging()
    lxd: Lxd = Lxd()
    network: Network = Network()
    metrics: Metrics = Metrics()
    policy: Policy = Policy()
    ui: Ui = Ui()


def load(paths, environ=None, serving=True):
    """Settings from TOML files (later files override earlier keys) and the environment.

    serving=False (migrate, create-user) skips the secret and transport checks: those commands need the
    database only, and the secret may exist only inside the service's unit (systemd credentials)."""
    environ = os.environ if environ is None else environ
    merged = {}
    for path in paths:
        for section, values in read_toml(path).items():
            if isinstance(values, dict) and isinstance(merged.get(section), dict):
                merged[section].update(values)
            else:
                merged[section] = values
    for variable, (section, key) in ENVIRONMENT.items():
        if environ.get(variable):
            merged.setdefault(section, {})[key] = environ[variable]
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        raise ArmhvError('invalid configuration: ' + '; '.join(
            '%s: %s' % ('.'.join(str(p) for p in err['loc']), err['msg']) for err in exc.errors()))
    if serving:
        read_secret_file(settings.auth)
        refuse_unsafe(settings)
    return settings


def read_toml(path):
    try:
        with open(path, 'rb') as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ArmhvError('cannot read configuration %s: %s' % (path, exc.strerror))
    except tomllib.TOMLDecodeError as exc:
        raise ArmhvError('configuration %s is not valid TOML: %s' % (path, exc))


def read_secret_file(auth):
    if auth.jwt_secret or not auth.jwt_secret_file:
        return
    try:
        with open(auth.jwt_secret_file) as handle:
            auth.jwt_secret = handle.read().strip()
    except OSError as exc:
        raise ArmhvError('cannot read auth.jwt_secret_file %s: %s' % (auth.jwt_secret_file, exc.strerror))


def refuse_unsafe(settings):
    """Every reason not to start, in one message."""
    problems = secret_problems(settings.auth.jwt_secret)
    if settings.auth.token_ttl > settings.auth.max_token_ttl:
        problems.append('auth.token_ttl (%d s) is over auth.max_token_ttl (%d s)'
                        % (settings.auth.token_ttl, settings.auth.max_token_ttl))
    if '*' in settings.cors.origins and not settings.server.dev_mode:
        problems.append('cors.origins = ["*"] lets any web page call the API with a user\'s credentials; '
                        'list the allowed origins (or set server.dev_mode = true on a development machine)')
    if not is_loopback(settings.server.host) and not (settings.tls.cert and settings.tls.key):
        problems.append('server.host %s is not a loopback address and [tls] cert and key are not set: '
                        'tokens and passwords would cross the network in clear text' % settings.server.host)
    if bool(settings.tls.cert) != bool(settings.tls.key):
        problems.append('tls.cert and tls.key must be given together')
    for path in (settings.tls.cert, settings.tls.key):
        if path and not os.access(path, os.R_OK):
            problems.append('cannot read TLS file %s' % path)
    problems.extend(confined_problems(settings.lxd))
    problems.extend(policy_problems(settings.policy))
    if problems:
        raise ArmhvError('refusing to start: ' + '; '.join(problems))


def confined_problems(lxd):
    if not lxd.confined:
        return []
    problems = []
    if not (lxd.confined_url and lxd.confined_cert and lxd.confined_key):
        problems.append('lxd.confined_url, lxd.confined_cert and lxd.confined_key go together')
    if lxd.confined_url and not lxd.confined_url.startswith('https://'):
        problems.append('lxd.confined_url must be https://host:port (LXD confines client certificates '
                        'only over HTTPS)')
    for path in (lxd.confined_cert, lxd.confined_key):
        if path and not os.access(path, os.R_OK):
            problems.append('cannot read %s' % path)
    return problems


def policy_problems(policy):
    """An entry that names nothing risky would loosen nothing: most likely a typo."""
    unknown = [entry for entry in policy.admin_allowed if not risky_key(entry) and entry not in RULE_NAMES]
    if not unknown:
        return []
    devices = [name for name in RULE_NAMES if risky_key(name) is None]
    return ['policy.admin_allowed: %s names no risky setting (config keys such as security.privileged, '
            'prefixes such as raw., or the device types %s)' % (', '.join(unknown), ', '.join(devices))]


def secret_problems(secret):
    if not secret:
        return ['auth.jwt_secret is not set (set it, auth.jwt_secret_file or ARMHV_API_JWT_SECRET)']
    if secret == SEED_JWT_SECRET:
        return ['auth.jwt_secret is the seed\'s published default secret; generate one '
                '(for example: openssl rand -hex 32)']
    if len(secret.encode('utf-8')) < MIN_SECRET_BYTES:
        return ['auth.jwt_secret is %d bytes; it must be at least %d'
                % (len(secret.encode('utf-8')), MIN_SECRET_BYTES)]
    return []


def is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
