"""Host bridges in the service's own network namespace, through the modules' own code (netlink)."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.netlink import open_netlink
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.ops import ensure_bridge, list_bridges
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_interface_name

from armhv_api.errors import NoSuchResource


class Bridges:
    def __init__(self, settings):
        self.settings = settings

    def list(self):
        with netlink() as ipr:
            return list_bridges(ipr)

    def get(self, name):
        check_interface_name(name, 'bridge name')
        with netlink() as ipr:
            found = list_bridges(ipr, name)
        if not found:
            raise NoSuchResource('bridge %s does not exist' % name, 'bridge', name)
        return found[0]

    def create(self, body, force=False, request_address=None):
        network = self.settings.network
        if body.get('persist') and not network.persist:
            raise InvalidRequest('this service does not persist bridges (network.persist = false in its '
                                 'configuration): leave persist out or use the network role')
        given = dict((k, body.get(k)) for k in ('name', 'addresses', 'mtu', 'stp', 'ports'))
        request = request_from_params(dict(
            given, persist=bool(body.get('persist')), persist_root=network.persist_root, force=force,
            request_address=request_address, create_only=True))
        with netlink() as ipr:
            try:
                return ensure_bridge(ipr, request, False)
            except Conflict as exc:
                if exc.msg == exc.reason:
                    raise
                # The module's way out (force: true, confirm_timeout) is not this route's.
                raise Conflict(exc.reason + '; send ?force=true to attach anyway', blockers=exc.blockers)

    def delete(self, name, force=False):
        ports = self.get(name)['ports']
        if ports and not force:
            raise Conflict('bridge %s has port%s %s attached; detach them first, or DELETE with ?force=true '
                           'to delete it anyway' % (name, 's' if len(ports) > 1 else '', ', '.join(ports)))
        request = request_from_params(dict(name=name, state='absent', persist=self.settings.network.persist,
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
