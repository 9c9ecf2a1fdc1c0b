"""The API's operations on LXD and netlink, through the modules' own code (module_utils): the same
name rules, plans, rollbacks and error type as the Ansible modules."""

import logging
import threading

from ansible_collections.armhv.hypervisor.plugins.module_utils import _bridge, _instance, _pool
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge_ops import ensure_bridge, list_bridges
from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster_ops import read_members
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Conflict, DaemonRefused, InvalidRequest, LxdConnectionError)
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance_ops import ensure_instance, get_instance, list_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd_client import lxd_connect
from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd_values import CREATING
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name, lxd_name_problem
from ansible_collections.armhv.hypervisor.plugins.module_utils._netlink import open_netlink, read_links
from ansible_collections.armhv.hypervisor.plugins.module_utils import _policy
from ansible_collections.armhv.hypervisor.plugins.module_utils._pool_ops import ensure_pool, get_pool, list_pools

from armhv_api.errors import Forbidden, NoSuchResource, Unavailable

LOG = logging.getLogger('armhv_api')

# The options the modules would default; the API exposes the ones its contract names.
ROLE_POOL_DRIVERS = ('nfs', 'cifs')


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

    # Containers
    def containers(self):
        return self.call(list_instances)

    def container(self, name, with_state=True):
        return _instance.instance_view(self.raw_container(name, with_state))

    def raw_container(self, name, with_state):
        """The container as LXD answers it; 404 when there is none."""
        check_lxd_name(name, 'instance')
        raw = self.call(get_instance, name, with_state)
        if raw is None:
            raise NoSuchResource('container %s does not exist' % name, 'instance', name)
        return raw

    def create_container(self, body, role='operator'):
        """Returns (result, the risky settings the policy allowed, for the audit log)."""
        request = self.instance_request(body, 'started' if body.get('start') else 'stopped')
        allowed = self.check_policy(request, role)
        existing = self.call(get_instance, request['name'])
        # One an interrupted create left half made is not in the way: ensure_instance makes it again.
        if existing is not None and CREATING not in existing.get('config', {}):
            raise Conflict('container %s already exists' % request['name'])
        return self.call(ensure_instance, request, False, confined=True), allowed

    def instance_request(self, body, state):
        given = dict((k, body[k]) for k in ('name', 'image', 'config', 'profiles') if body.get(k) is not None)
        return _instance.request_from_params(dict(given, state=state), self.settings.lxd.timeout)

    def check_policy(self, instance, role, source=None):
        """The expanded instance as LXD would make it: its own config and devices (source names them in
        messages) and each profile it names, or default when it names none. Each is judged on its own,
        so a risky profile is refused even where something later overrides or masks it. 403 naming the
        first setting `role` may not have; else what [policy] admin_allowed let through (audited)."""
        parts = [(source if profile is None else 'profile %s' % profile, config, devices)
                 for profile, config, devices in self.expanded_parts(instance)]
        networks = self.nic_networks([devices for _where, _config, devices in parts])
        found = [finding for where, config, devices in parts
                 for finding in _policy.findings(config, devices, networks, where)]
        allowed = self.settings.policy.admin_allowed if role == 'admin' else []
        refused = [finding for finding in found if not _policy.allows(allowed, finding)]
        if refused:
            who = 'admins' if role == 'admin' else role + 's'
            hint = ' (the [policy] admin_allowed setting lists what admins may)' if role == 'admin' else ''
            raise Forbidden(_policy.describe(refused[0], who) + hint,
                            refused=[_policy.label(finding) for finding in refused])
        return [_policy.label(finding) for finding in found]

    def expanded_parts(self, instance):
        """(profile name or None, config, devices): the instance's own settings, then its profiles."""
        profiles = instance['profiles'] if instance.get('profiles') is not None else ['default']
        yield None, instance.get('config'), instance.get('devices')
        for profile in profiles:
            raw = self.call(lambda api: api.get('profiles/%s' % profile))
            if raw is None:
                raise InvalidRequest('profile %s does not exist' % profile)
            yield profile, raw.get('config'), raw.get('devices')

    def nic_networks(self, device_sets):
        """{name: type} of the managed networks the nics name, read only when some nic names one; a
        network the project's restricted.networks.access leaves out has no type (refused)."""
        names = sorted(set(device.get('network') for devices in device_sets for device in (devices or {}).values()
                           if (device or {}).get('type') == 'nic' and device.get('network')))
        if not names:
            return {}
        project = self.call(lambda api: api.get('projects/%s' % self.settings.lxd.project)) or {}
        access = project.get('config', {}).get('restricted.networks.access')
        usable = None if not access else [name.strip() for name in access.split(',')]
        found = {}
        for name in names:
            # A name that cannot go into an LXD path is no network this project may use.
            raw = None if lxd_name_problem(name) else self.call(lambda api: api.get('networks/%s' % name))
            if raw is not None and raw.get('managed') and (usable is None or name in usable):
                found[name] = raw.get('type')
        return found

    def change_container(self, name, state, role='operator'):
        """start, stop, restart or delete (state absent) an existing container; the result's instance is
        the container afterwards. Starting and restarting judge it again as LXD would expand it now (a
        profile may have changed since it was made). The existence check skips the run state, which
        costs LXD a helper."""
        found = self.raw_container(name, with_state=False)
        if state in ('started', 'restarted'):
            self.check_policy(found, role, 'container %s' % name)
        return self.call(ensure_instance, self.instance_request(dict(name=name), state), False, confined=True)

    # Storage pools
    def pools(self):
        return self.call(list_pools)

    def pool(self, name):
        check_lxd_name(name, 'storage pool')
        found = self.call(get_pool, name, True)
        if found is None:
            raise NoSuchResource('storage pool %s does not exist' % name, 'pool', name)
        return found

    def create_pool(self, body):
        if body['driver'] in ROLE_POOL_DRIVERS:
            raise InvalidRequest('%s pools mount a share on every member: create them with the storage role'
                                 % body['driver'])
        given = dict(name=body['name'], driver=body['driver'], config=body.get('config'))
        request = _pool.request_from_params(given)
        if self.call(get_pool, request['name']) is not None:
            raise Conflict('storage pool %s already exists' % request['name'])
        return self.call(ensure_pool, request, False)

    def delete_pool(self, name):
        found = self.pool(name)
        request = _pool.request_from_params(dict(name=name, driver=found['driver'], state='absent'))
        return self.call(ensure_pool, request, False)

    # Cluster
    def members(self):
        info, members = self.call(read_members)
        return dict(enabled=bool(info.get('enabled')), members=members)

    # Bridges (netlink in the service's own network namespace)
    def bridges(self):
        with netlink() as ipr:
            return list_bridges(ipr)

    def bridge(self, name):
        _bridge.check_interface_name(name, 'bridge name')
        with netlink() as ipr:
            found = list_bridges(ipr, name)
        if not found:
            raise NoSuchResource('bridge %s does not exist' % name, 'bridge', name)
        return found[0]

    def create_bridge(self, body, force=False, request_address=None):
        network = self.settings.network
        if body.get('persist') and not network.persist:
            raise InvalidRequest('this service does not persist bridges (network.persist = false in its '
                                 'configuration): leave persist out or use the network role')
        given = dict((k, body.get(k)) for k in ('name', 'addresses', 'mtu', 'stp', 'ports'))
        request = _bridge.request_from_params(dict(
            given, persist=bool(body.get('persist')), persist_root=network.persist_root, force=force,
            request_address=request_address))
        with netlink() as ipr:
            if request['name'] in read_links(ipr):
                raise Conflict('interface %s already exists' % request['name'])
            try:
                return ensure_bridge(ipr, request, False)
            except Conflict as exc:
                # The module's way out (force: true, confirm_timeout) is not this route's.
                raise Conflict(exc.reason + '; send ?force=true to attach anyway', blockers=exc.blockers)

    def delete_bridge(self, name, force=False):
        ports = self.bridge(name)['ports']
        if ports and not force:
            raise Conflict('bridge %s has port%s %s attached; detach them first, or DELETE with ?force=true '
                           'to delete it anyway' % (name, 's' if len(ports) > 1 else '', ', '.join(ports)))
        request = _bridge.request_from_params(dict(name=name, state='absent', persist=self.settings.network.persist,
                                                   persist_root=self.settings.network.persist_root, force=True))
        with netlink() as ipr:
            return ensure_bridge(ipr, request, False)


class netlink:
    """A netlink socket for one request, closed afterwards."""

    def __enter__(self):
        self.ipr = open_netlink(None)
        return self.ipr

    def __exit__(self, *exc):
        self.ipr.close()
