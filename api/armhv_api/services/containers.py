"""Containers: listed, made, started, stopped, restarted and deleted through the modules' own code, each
judged first by the instance policy as LXD would expand it."""

from ansible_collections.armhv.hypervisor.plugins.module_utils import _policy
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.plan import instance_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.spec import request_from_params
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.ops import ensure_instance, get_instance, list_instances
from ansible_collections.armhv.hypervisor.plugins.module_utils._names import check_lxd_name, lxd_name_problem

from armhv_api.errors import Forbidden, NoSuchResource


class Containers:
    def __init__(self, platform, settings):
        self.platform = platform
        self.settings = settings

    def list(self):
        return self.platform.call(list_instances)

    def get(self, name, with_state=True):
        return instance_view(self.raw(name, with_state))

    def raw(self, name, with_state):
        """The container as LXD answers it; 404 when there is none."""
        check_lxd_name(name, 'instance')
        raw = self.platform.call(get_instance, name, with_state)
        if raw is None:
            raise NoSuchResource('container %s does not exist' % name, 'instance', name)
        return raw

    def create(self, body, role='operator'):
        """Returns (result, the risky settings the policy allowed, for the audit log)."""
        request = self.instance_request(body, 'started' if body.get('start') else 'stopped', True)
        allowed = self.check_policy(request['desired'], role)
        # ensure_instance refuses an existing container (409) in the same read that finds it; one an
        # interrupted create left half made is not in the way: it makes that one again.
        return self.platform.call(ensure_instance, request, False, confined=True), allowed

    def instance_request(self, body, state, create_only=False):
        given = dict((k, body[k]) for k in ('name', 'image', 'config', 'profiles') if body.get(k) is not None)
        if ':' in (given.get('image') or ''):
            # Which image server's code runs on the hosts is the playbooks' choice, not an API user's.
            raise InvalidRequest('invalid image %r: the API creates containers from the host\'s own images, '
                                 'a local alias or fingerprint, not remote:alias' % given['image'])
        return request_from_params(dict(given, state=state, create_only=create_only), self.settings.lxd.timeout)

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
            raw = self.platform.call(lambda api: api.get('profiles/%s' % profile))
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
        project = self.platform.call(lambda api: api.get('projects/%s' % self.settings.lxd.project)) or {}
        access = project.get('config', {}).get('restricted.networks.access')
        usable = None if not access else [name.strip() for name in access.split(',')]
        found = {}
        for name in names:
            # A name that cannot go into an LXD path is no network this project may use.
            raw = None if lxd_name_problem(name) else self.platform.call(lambda api: api.get('networks/%s' % name))
            if raw is not None and raw.get('managed') and (usable is None or name in usable):
                found[name] = raw.get('type')
        return found

    def change(self, name, state, role='operator'):
        """start, stop, restart or delete (state absent) an existing container; the result's instance is
        the container afterwards. Starting and restarting judge it again as LXD would expand it now (a
        profile may have changed since it was made). The existence check skips the run state, which
        costs LXD a helper."""
        found = self.raw(name, with_state=False)
        if state in ('started', 'restarted'):
            self.check_policy(found, role, 'container %s' % name)
        return self.platform.call(ensure_instance, self.instance_request(dict(name=name), state), False, confined=True)
