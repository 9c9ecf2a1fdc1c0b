"""The service's LXD connections: one per credential, remade after LXD was unreachable, and the one place
that tells LXD being unavailable (503) from LXD refusing a request."""

import logging
import threading

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, DaemonRefused, LxdConnectionError
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import lxd_connect

from armhv_api.errors import Unavailable

LOG = logging.getLogger('armhv_api')


def lxd_failed(api, exc):
    """Whether LXD failed on its own side (unavailable: 503) rather than refused the request (422). LXD
    answers 500 to both: a read failing so is the daemon's (its database closing as it stops); a change,
    only when the daemon then cannot answer GET /1.0 either (a pool driver whose tools are missing is a
    500 from a daemon that is fine)."""
    if not isinstance(exc, DaemonRefused) or (exc.status or 0) < 500:
        return False
    if exc.method == 'GET':
        return True
    try:
        api.get('')
    except ArmhvError:
        return True
    return False


class Platform:
    def __init__(self, settings):
        self.settings = settings
        self._api = {}
        self._lock = threading.Lock()
        if not settings.lxd.confined:
            LOG.warning('no confined LXD credential ([lxd] confined_url, confined_cert, confined_key): every '
                        'change goes through [lxd] url, so the API\'s own policy is the only wall between '
                        'operators and root on this host; the api role sets one up')

    def lxd(self, confined=False):
        """One connection per credential, made on first use and again after LXD was unreachable. The
        confined one (when configured) is what LXD itself restricts to the service's project."""
        which = 'confined' if confined and self.settings.lxd.confined else 'full'
        with self._lock:
            if which not in self._api:
                try:
                    self._api[which] = lxd_connect(self.connection_params(which))
                except ArmhvError as exc:
                    raise Unavailable(exc.msg)
            return self._api[which]

    def connection_params(self, which):
        lxd = self.settings.lxd
        params = dict(url=lxd.url or None, client_cert=lxd.client_cert or None, client_key=lxd.client_key or None,
                      server_cert=lxd.server_cert or None, validate_certs=True, project=lxd.project,
                      timeout=lxd.timeout)
        if which == 'confined':
            params.update(url=lxd.confined_url, client_cert=lxd.confined_cert, client_key=lxd.confined_key)
        return params

    def call(self, operation, *args, confined=False):
        api = self.lxd(confined)
        try:
            return operation(api, *args)
        except LxdConnectionError as exc:
            self._api.clear()
            raise Unavailable(exc.msg)
        except ArmhvError as exc:
            if lxd_failed(api, exc):
                raise Unavailable(exc.msg)
            raise

    def ready(self):
        """Both credentials answer (the confined one is what operators' changes go through)."""
        reachable = self.call(lambda api: api.get('') is not None)
        return reachable and self.call(lambda api: api.get('') is not None, confined=True)
