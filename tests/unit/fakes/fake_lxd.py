# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A strict in-memory LXD behind pylxd's API-node interface: the boundary our client talks to.

Unknown paths or methods fail the test, so a module cannot quietly grow new API calls."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import hashlib
import threading
import time

import pylxd.exceptions
import requests

NOT_SET = object()


class FakeResponse:
    def __init__(self, status_code, data):
        self.status_code = status_code
        self._data = data

    def json(self):
        return self._data


class FakeNode:
    def __init__(self, lxd, path):
        self._lxd = lxd
        self._path = path

    def __getitem__(self, item):
        return FakeNode(self._lxd, '%s/%s' % (self._path, item) if self._path else str(item))

    def __getattr__(self, method):
        if method not in ('get', 'post', 'put', 'patch', 'delete'):
            raise AttributeError(method)
        return lambda **kwargs: self._lxd.handle(method.upper(), self._path, kwargs)


def sync(metadata):
    return FakeResponse(200, dict(type='sync', status_code=200, metadata=metadata))


class FakeLxd:
    """Instances, images and operations; every request is recorded as (method, path)."""

    def __init__(self, images=None):
        self.instances = {}
        self.images = images if images is not None else {
            'f' * 64: dict(fingerprint='f' * 64, architecture='aarch64', properties={'os': 'busybox'})}
        self.aliases = {'busybox': 'f' * 64}
        self.requests = []
        self.fail_next = {}
        self.projects = {}
        self.add_project('default', config={'features.images': 'true', 'features.profiles': 'true'})
        self.profiles = {}
        self.add_profile('default')
        self.acls = {}
        self.networks = {}
        self.network_pending = {}
        self.unreachable = False
        self.state_reads = 0
        # A clustered LXD appends '?project=...' to operation URLs.
        self.operation_suffix = ''
        self.pools = {}
        # Custom volumes by (pool, name), and each instance's snapshots by name (restores recorded).
        self.volumes = {}
        self.snapshots = {}
        # What image pulls sent, which alias a remote resolves to which fingerprint, and refreshes asked.
        self.pulled = []
        self.remote_aliases = {}
        self.refreshes = []
        self.restored = []
        # Cluster members (empty: not clustered) and pools pending on some of them.
        self.members = []
        self.pending = {}
        self.server_name = 'node1'
        # A member's fields besides its name (status, roles, architecture, ...; see member_raw), the
        # cluster's groups, and what a join does: the FakeLxd it goes through, the fingerprint its
        # tokens name, the body the join sent, and a member whose evacuation fails.
        self.member_fields = {}
        self.groups = ['default']
        self.joins = None
        self.cluster_fingerprint = None
        self.sent = None
        self.failing_evacuation = None
        self.config = {}
        self.trusted = True
        # What GET /1.0 names the daemon: 'lxd' or 'incus'.
        self.server = 'lxd'
        self.server_version = '5.0.2'
        self.member_architectures = {}
        self._ops = {}
        # Seconds an instance's operations take to finish (waits sleep, outside the lock), and the
        # order in which waits ended: tests of the fleet path make operations finish out of order.
        self.delays = {}
        self.finished = []
        self._lock = threading.RLock()

    def node_class(self, shape='session'):
        """A stand-in for pylxd.client._APINode with pylxd 2.4's (session) or 2.2's (cert) constructor."""
        lxd = self

        class SessionNode(FakeNode):
            def __init__(self, api_endpoint, session, timeout=None, project=None):
                FakeNode.__init__(self, lxd, '')
                lxd.connected = dict(url=api_endpoint, session=session, timeout=timeout)

        class CertNode(FakeNode):
            def __init__(self, api_endpoint, cert=None, verify=True, timeout=None):
                FakeNode.__init__(self, lxd, '')
                lxd.connected = dict(url=api_endpoint, cert=cert, verify=verify, timeout=timeout)

        return SessionNode if shape == 'session' else CertNode

    def client(self, project='default', timeout=30):
        """The client every ensure_* and list_* takes, talking to this fake: the one client double of
        the ops tests (no pylxd patching; the module tests patch pylxd's node at the boundary instead)."""
        from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd.client import LxdApi
        return LxdApi(FakeNode(self, ''), project, timeout, '/fake/unix.socket')

    def mutations(self):
        return [r for r in self.requests if r[0] != 'GET']

    def add_instance(self, name, status='Running', **fields):
        raw = dict(name=name, status=status, type='container', architecture='aarch64', location='none',
                   config={'volatile.uuid': 'x', 'image.os': 'busybox'}, devices={}, profiles=['default'],
                   description='', ephemeral=False, stateful=False, created_at='2026-11-25T00:00:00Z')
        raw.update(fields)
        self.instances[name] = raw
        return raw

    def handle(self, method, path, kwargs):
        with self._lock:
            response = self._handle(method, path, kwargs)
        parts = path.split('/')
        if method == 'GET' and parts[0] == 'operations':
            instance = self._ops[parts[1]].get('instance')
            time.sleep(self.delays.get(instance, 0))
            with self._lock:
                self.finished.append(instance)
        return response

    def _handle(self, method, path, kwargs):
        assert kwargs['params'].get('project'), 'every request names its project'
        assert isinstance(kwargs.get('timeout'), (int, float)), 'every request has a timeout'
        if self.unreachable:
            raise requests.exceptions.ConnectionError('[Errno 111] Connection refused')
        self.requests.append((method, path))
        parts = path.split('/')
        handler = getattr(self, '_%s_%s' % (method.lower(), parts[0].replace('-', '_')), None)
        assert handler is not None, 'unexpected LXD call %s %s' % (method, path)
        target = (kwargs.get('params') or {}).get('target')
        # (method, path, None) fails only a request without a target (a cluster's global step).
        error = self.fail_next.pop((method, path, target), None)
        error = error or self.fail_next.pop((method, path), None)
        if error:
            return self._error(*error) if isinstance(error, tuple) else self._error(400, error)
        return handler(parts[1:], kwargs)

    def _error(self, code, message):
        response = FakeResponse(code, dict(type='error', error=message, error_code=code))
        if code == 404:
            raise pylxd.exceptions.NotFound(response)
        raise pylxd.exceptions.LXDAPIException(response)

    def _async_result(self, description, metadata):
        response = self._async(description)
        self._ops[self.last_operation]['metadata'] = metadata
        return response

    def _async(self, description, err=None, instance=None):
        op_id = 'op%d' % (len(self._ops) + 1)
        self._ops[op_id] = dict(id=op_id, description=description, status='Failure' if err else 'Success',
                                err=err or '', instance=instance)
        self.last_operation = op_id
        return FakeResponse(202, dict(type='async', operation='/1.0/operations/%s%s' % (op_id, self.operation_suffix),
                                      metadata={}))

    def add_project(self, name, **fields):
        raw = dict(name=name, description='', config={}, used_by=[])
        raw.update(fields)
        self.projects[name] = raw
        return raw

    def add_profile(self, name, **fields):
        raw = dict(name=name, description='', config={}, devices={}, used_by=[])
        raw.update(fields)
        self.profiles[name] = raw
        return raw

    def add_acl(self, name, **fields):
        raw = dict(name=name, description='', config={}, ingress=[], egress=[], used_by=[])
        raw.update(fields)
        self.acls[name] = raw
        return raw

    def _objects(self, kind):
        return dict(projects=self.projects, profiles=self.profiles, acls=self.acls)[kind]

    def _add(self, kind):
        return dict(projects=self.add_project, profiles=self.add_profile, acls=self.add_acl)[kind]

    def _get_object(self, kind, rest, kwargs):
        objects = self._objects(kind)
        if not rest:
            assert kwargs['params'].get('recursion') == 1, 'list with recursion=1'
            return sync([copy.deepcopy(raw) for raw in objects.values()])
        if rest[0] not in objects:
            return self._error(404, '%s not found' % kind[:-1].capitalize())
        if rest[1:] == ['state']:
            return sync(copy.deepcopy(objects[rest[0]].get('state') or {'resources': {}}))
        return sync(copy.deepcopy(objects[rest[0]]))

    def _post_object(self, kind, rest, kwargs):
        body = kwargs['json']
        assert body['name'] not in self._objects(kind), 'LXD: already exists'
        fields = dict((k, v) for k, v in body.items() if k != 'name')
        self._add(kind)(body['name'], **fields)
        return sync({})

    def _put_object(self, kind, rest, kwargs):
        raw = self._objects(kind)[rest[0]]
        for field, value in kwargs['json'].items():
            assert field in raw and field not in ('name', 'used_by', 'state'), 'LXD: %s is not a field of a PUT' % field
            raw[field] = copy.deepcopy(value)
        return sync({})

    def _delete_object(self, kind, rest, kwargs):
        raw = self._objects(kind)[rest[0]]
        assert rest[0] != 'default', 'LXD refuses to delete the default %s' % kind[:-1]
        assert not [u for u in raw['used_by'] if not u.startswith('/1.0/profiles/default')], 'LXD refuses: in use'
        del self._objects(kind)[rest[0]]
        return sync({})

    def _get_projects(self, rest, kwargs):
        return self._get_object('projects', rest, kwargs)

    def _post_projects(self, rest, kwargs):
        return self._post_object('projects', rest, kwargs)

    def _put_projects(self, rest, kwargs):
        return self._put_object('projects', rest, kwargs)

    def _delete_projects(self, rest, kwargs):
        return self._delete_object('projects', rest, kwargs)

    def _get_network_acls(self, rest, kwargs):
        return self._get_object('acls', rest, kwargs)

    def _post_network_acls(self, rest, kwargs):
        return self._post_object('acls', rest, kwargs)

    def _put_network_acls(self, rest, kwargs):
        return self._put_object('acls', rest, kwargs)

    def _delete_network_acls(self, rest, kwargs):
        return self._delete_object('acls', rest, kwargs)

    def add_network(self, name, type='bridge', managed=True, **fields):
        raw = dict(name=name, type=type, managed=managed, description='', config={}, used_by=[],
                   status='Created', locations=self.members or ['none'], forwards={})
        raw.update(fields)
        self.networks[name] = raw
        return raw

    def _network_json(self, raw):
        return dict((k, copy.deepcopy(v)) for k, v in raw.items() if k != 'forwards')

    def _get_networks(self, rest, kwargs):
        if not rest:
            assert kwargs['params'].get('recursion') == 1, 'list with recursion=1'
            return sync([self._network_json(raw) for raw in self.networks.values()])
        raw = self.networks.get(rest[0])
        if raw is None and rest[0] in self.network_pending and not rest[1:]:
            return sync(dict(name=rest[0], type='bridge', managed=True, status='Pending', config={}, used_by=[],
                             description='', locations=sorted(self.network_pending[rest[0]])))
        if raw is None:
            return self._error(404, 'Network not found')
        if rest[1:] == ['forwards']:
            return sync([copy.deepcopy(forward) for forward in raw['forwards'].values()])
        if rest[1:2] == ['forwards']:
            forward = raw['forwards'].get(rest[2])
            return sync(copy.deepcopy(forward)) if forward else self._error(404, 'Network forward not found')
        return sync(self._network_json(raw))

    def _post_networks(self, rest, kwargs):
        body = kwargs['json']
        if rest[1:] == ['forwards']:
            forward = dict(description='', config={}, ports=[], location='')
            forward.update(copy.deepcopy(body))
            self.networks[rest[0]]['forwards'][body['listen_address']] = forward
            return sync({})
        target = kwargs['params'].get('target')
        if target:
            assert target in self.members and body['name'] not in self.networks
            self.network_pending.setdefault(body['name'], {})[target] = dict(body['config'])
            return sync({})
        if self.members:
            assert sorted(self.network_pending.pop(body['name'], {})) == sorted(self.members), 'not pending on all'
            assert 'parent' not in body['config'], 'LXD: member-specific keys in a global create'
        assert body['name'] not in self.networks
        self.add_network(body['name'], type=body['type'], config=dict(body['config']), description=body['description'])
        return sync({})

    def _put_networks(self, rest, kwargs):
        raw = self.networks[rest[0]]
        if rest[1:2] == ['forwards']:
            raw['forwards'][rest[2]].update(copy.deepcopy(kwargs['json']))
            return sync({})
        raw['config'] = dict(kwargs['json']['config'])
        raw['description'] = kwargs['json']['description']
        return sync({})

    def _delete_networks(self, rest, kwargs):
        if rest[1:2] == ['forwards']:
            del self.networks[rest[0]]['forwards'][rest[2]]
            return sync({})
        if rest[0] in self.network_pending:
            del self.network_pending[rest[0]]
            return sync({})
        assert not self.networks[rest[0]]['used_by'], 'LXD refuses: in use'
        del self.networks[rest[0]]
        return sync({})

    def _get_profiles(self, rest, kwargs):
        return self._get_object('profiles', rest, kwargs)

    def _post_profiles(self, rest, kwargs):
        return self._post_object('profiles', rest, kwargs)

    def _put_profiles(self, rest, kwargs):
        return self._put_object('profiles', rest, kwargs)

    def _delete_profiles(self, rest, kwargs):
        return self._delete_object('profiles', rest, kwargs)

    def _get_operations(self, rest, kwargs):
        assert rest[1] == 'wait' and 'timeout' in kwargs['params']
        return sync(self._ops[rest[0]])

    def _get_images(self, rest, kwargs):
        if not rest:
            assert kwargs['params'].get('recursion') == 1, 'list with recursion=1'
            return sync([self._image_json(fp) for fp in sorted(self.images)])
        if rest[0] == 'aliases':
            target = self.aliases.get('/'.join(rest[1:]))
            return sync(dict(name=rest[1], target=target)) if target else self._error(404, 'not found')
        found = [fp for fp in self.images if fp.startswith(rest[0])]
        return sync(self._image_json(found[0])) if found else self._error(404, 'not found')

    def _image_json(self, fingerprint):
        raw = copy.deepcopy(self.images[fingerprint])
        raw['aliases'] = [dict(name=name) for name, fp in sorted(self.aliases.items()) if fp == fingerprint]
        return raw

    def _post_images(self, rest, kwargs):
        """An upload (its bytes' SHA-256 is the fingerprint), a pull (the fingerprint the source names, or
        the one self.remote_aliases gives its alias), an alias, or a refresh."""
        if rest[:1] == ['aliases']:
            body = kwargs['json']
            assert body['name'] not in self.aliases and body['target'] in self.images, 'LXD: bad alias'
            self.aliases[body['name']] = body['target']
            return sync({})
        if rest[1:] == ['refresh']:
            self.refreshes.append(rest[0])
            return self._async_result('Refreshing image', dict(refreshed=False))
        if kwargs.get('data') is not None:
            fingerprint = hashlib.sha256(kwargs['data'].read()).hexdigest()
            self.images[fingerprint] = dict(fingerprint=fingerprint, architecture='aarch64', properties={})
            return self._async_result('Uploading image', dict(fingerprint=fingerprint))
        source = kwargs['json']['source']
        self.pulled.append(source)
        fingerprint = source.get('fingerprint') or self.remote_aliases[source['alias']]
        self.images[fingerprint] = dict(fingerprint=fingerprint, architecture='aarch64', properties={},
                                        auto_update=kwargs['json']['auto_update'], public=kwargs['json']['public'],
                                        update_source=dict(server=source['server'], protocol=source['protocol'],
                                                           alias=source.get('alias', '')))
        return self._async_result('Downloading image', dict(fingerprint=fingerprint))

    def _put_images(self, rest, kwargs):
        assert rest[0] == 'aliases' and kwargs['json']['target'] in self.images
        self.aliases['/'.join(rest[1:])] = kwargs['json']['target']
        return sync({})

    def _patch_images(self, rest, kwargs):
        self.images[rest[0]].update(kwargs['json'])
        return sync({})

    def _delete_images(self, rest, kwargs):
        del self.images[rest[0]]
        for name in [name for name, fp in self.aliases.items() if fp == rest[0]]:
            del self.aliases[name]
        return self._async('Deleting image')

    def _get_instances(self, rest, kwargs):
        if rest[1:2] == ['snapshots']:
            return self._snapshot_call('GET', rest, kwargs)
        if not rest:
            if kwargs['params'].get('recursion') == 1:
                return sync([copy.deepcopy(raw) for raw in self.instances.values()])
            assert kwargs['params'].get('recursion') == 2
            return sync([self._full(raw) for raw in self.instances.values()])
        raw = self.instances.get(rest[0])
        if raw is None:
            return self._error(404, 'Instance not found')
        if rest[1:] == ['state']:
            self.state_reads += 1
            return sync(self._state(raw))
        if kwargs['params'].get('recursion') == 1:
            self.state_reads += 1
            return sync(self._full(raw))
        return sync(copy.deepcopy(raw))

    def _full(self, raw):
        full = copy.deepcopy(raw)
        full['state'] = self._state(raw)
        return full

    def _state(self, raw):
        network = raw.get('network', {'eth0': {'addresses': []}})
        return dict(status=raw['status'], network=copy.deepcopy(network))

    def _post_instances(self, rest, kwargs):
        if rest[1:2] == ['snapshots']:
            return self._snapshot_call('POST', rest, kwargs)
        body = kwargs['json']
        assert body['name'] not in self.instances
        self.created_from = dict(body['source'], target=kwargs['params'].get('target'))
        source = body['source']
        fingerprint = self.aliases.get(source.get('alias')) or source.get('fingerprint')
        image = self.images.get(fingerprint) or {}
        config = dict(('image.%s' % k, v) for k, v in image.get('properties', {}).items())
        config.update(body['config'])
        config['volatile.base_image'] = fingerprint
        location = (kwargs['params'].get('target') or 'none')
        self.add_instance(body['name'], status='Stopped', type=body['type'], config=config,
                          devices=body['devices'], profiles=body['profiles'] or ['default'],
                          description=body['description'] or '', ephemeral=bool(body['ephemeral']),
                          architecture=image.get('architecture'), location=location)
        return self._async('Creating instance', instance=body['name'])

    def _put_instances(self, rest, kwargs):
        if rest[1:2] == ['snapshots']:
            return self._snapshot_call('PUT', rest, kwargs)
        raw = self.instances[rest[0]]
        body = kwargs['json']
        if rest[1:] == ['state']:
            return self._change_state(raw, body)
        if body.get('restore'):
            assert body['restore'] in self.snapshots.get(rest[0], {}), 'LXD: no such snapshot'
            self.restored.append((rest[0], body['restore']))
            return self._async('Restoring snapshot', instance=rest[0])
        for field in ('config', 'devices', 'profiles', 'description', 'ephemeral'):
            raw[field] = copy.deepcopy(body[field])
        return self._async('Updating instance', instance=rest[0])

    def _change_state(self, raw, body):
        action = body['action']
        if action in ('stop', 'restart') and not body.get('force') and raw.get('ignores_shutdown'):
            return self._async('Stopping instance', err='Failed shutting down instance: timed out',
                               instance=raw['name'])
        if raw.get('start_fails') and action in ('start', 'restart'):
            return self._async('Starting instance', err='Failed to start device "eth9"', instance=raw['name'])
        after = dict(start='Running', stop='Stopped', restart='Running', freeze='Frozen', unfreeze='Running')
        raw['status'] = after[action]
        if action == 'stop' and raw['ephemeral']:
            del self.instances[raw['name']]
        return self._async('%s instance' % action, instance=raw['name'])

    def _delete_instances(self, rest, kwargs):
        if rest[1:2] == ['snapshots']:
            return self._snapshot_call('DELETE', rest, kwargs)
        raw = self.instances.get(rest[0])
        if raw is None:
            return self._error(404, 'Instance not found')
        assert raw['status'] == 'Stopped', 'LXD refuses to delete a running instance'
        del self.instances[rest[0]]
        return self._async('Deleting instance', instance=rest[0])

    def add_pool(self, name, driver='dir', **fields):
        raw = dict(name=name, driver=driver, status='Created', description='', used_by=[],
                   config={'source': '/var/lib/lxd/storage-pools/%s' % name}, locations=self.members or ['none'])
        raw.update(fields)
        self.pools[name] = raw
        return raw

    def _get_storage_pools(self, rest, kwargs):
        if rest[1:2] == ['volumes']:
            return self._volume_call('GET', rest, kwargs)
        if not rest:
            if kwargs['params'].get('recursion') == 1:
                return sync([copy.deepcopy(raw) for raw in self.pools.values()])
            return sync(['/1.0/storage-pools/%s' % name for name in self.pools])
        raw = self.pools.get(rest[0])
        if raw is None and rest[0] in self.pending and not rest[1:]:
            return sync(dict(name=rest[0], driver='dir', status='Pending', config={}, used_by=[], description='',
                             locations=sorted(self.pending[rest[0]])))
        if raw is None:
            return self._error(404, 'Storage pool not found')
        if rest[1:] == ['resources']:
            return sync(dict(space=dict(used=1024, total=4096)))
        return sync(copy.deepcopy(raw))

    def _get_(self, rest, kwargs):
        environment = dict(server_name=self.server_name, kernel_architecture='aarch64', server=self.server,
                           server_version=self.server_version)
        return sync(dict(auth='trusted' if self.trusted else 'untrusted', config=dict(self.config),
                         environment=environment))

    def _patch_(self, rest, kwargs):
        self.config.update(kwargs['json']['config'])
        return sync({})

    def add_member(self, name, **fields):
        """A cluster member; fields override member_raw's defaults."""
        self.members.append(name)
        self.member_fields[name] = fields

    def member_raw(self, name):
        raw = dict(server_name=name, url='https://198.18.0.%d:8443' % (10 + self.members.index(name) + 1),
                   roles=['database'], status='Online', message='Fully operational',
                   architecture=self.member_architectures.get(name, 'aarch64'), failure_domain='default',
                   groups=['default'], description='', config={})
        raw.update(copy.deepcopy(self.member_fields.get(name, {})))
        return raw

    def _get_cluster(self, rest, kwargs):
        if rest == ['members']:
            assert self.members, 'LXD answers "Server is not clustered"'
            if kwargs['params'].get('recursion') == 1:
                return sync([self.member_raw(name) for name in self.members])
            return sync(['/1.0/cluster/members/%s' % name for name in self.members])
        if rest == ['groups']:
            return sync(['/1.0/cluster/groups/%s' % group for group in self.groups])
        assert not rest, 'unexpected GET cluster/%s' % '/'.join(rest)
        return sync(dict(enabled=bool(self.members), server_name=self.server_name if self.members else ''))

    def _put_cluster(self, rest, kwargs):
        body = kwargs['json']
        if rest:
            assert rest[0] == 'members' and rest[1] in self.members
            fields = ('failure_domain', 'groups', 'description', 'config', 'roles')
            self.member_fields[rest[1]].update((key, body[key]) for key in fields)
            return sync({})
        # Bootstrapped, or joined through another member: this LXD now sees the cluster and itself.
        self.sent = body
        self.server_name = body['server_name']
        if self.joins:
            for name in self.joins.members:
                self.add_member(name, **self.joins.member_fields[name])
            self.groups = list(self.joins.groups)
            self.add_member(body['server_name'], roles=[])
        else:
            self.add_member(body['server_name'], roles=['database-leader', 'database'])
        return sync({})

    def _post_cluster(self, rest, kwargs):
        body = kwargs['json']
        if rest == ['groups']:
            self.groups.append(body['name'])
            return sync({})
        if rest == ['members']:
            # A join token: an operation that runs until a join uses it.
            meta = dict(serverName=body['server_name'], fingerprint=self.cluster_fingerprint,
                        addresses=['198.18.0.11:8443'], secret='cd' * 32, expiresAt='x')
            self._ops['token'] = dict(id='token', description='Joining', status='Running', metadata=meta)
            return FakeResponse(202, dict(type='async', operation='/1.0/operations/token', metadata=self._ops['token']))
        assert rest[0] == 'members' and rest[2:] == ['state']
        name, action = rest[1], body['action']
        if name == self.failing_evacuation:
            for raw in self.instances.values():  # what LXD does to them before it fails
                if raw.get('location') == name:
                    raw['status'] = 'Stopped'
            return self._async('Evacuating cluster member', err='Failed to migrate instance')
        self.member_fields[name]['status'] = 'Evacuated' if action == 'evacuate' else 'Online'
        return self._async('%s cluster member' % action.capitalize())

    def _delete_cluster(self, rest, kwargs):
        if rest[0] == 'groups':
            self.groups.remove(rest[1])
        else:
            self.members.remove(rest[1])
        return sync({})

    def _delete_operations(self, rest, kwargs):
        del self._ops[rest[0]]
        return sync({})

    def _post_storage_pools(self, rest, kwargs):
        if rest[1:2] == ['volumes']:
            return self._volume_call('POST', rest, kwargs)
        body = kwargs['json']
        target = kwargs['params'].get('target')
        if target:
            # A clustered LXD: a pending definition on one member first.
            assert target in self.members and body['name'] not in self.pools
            self.pending.setdefault(body['name'], {})[target] = dict(body['config'])
            return sync({})
        if self.members:
            assert sorted(self.pending.pop(body['name'], {})) == sorted(self.members), 'LXD: pool not pending on all'
            assert not set(body['config']) & {'source', 'size'}, 'LXD: member-specific keys in a global create'
        assert body['name'] not in self.pools and body['driver']
        config = dict(body['config'])
        config.setdefault('source', '/var/lib/lxd/storage-pools/%s' % body['name'])
        self.add_pool(body['name'], driver=body['driver'], config=config, description=body['description'])
        return sync({})

    def _put_storage_pools(self, rest, kwargs):
        if rest[1:2] == ['volumes']:
            return self._volume_call('PUT', rest, kwargs)
        raw = self.pools[rest[0]]
        assert raw['config'].get('source') == kwargs['json']['config'].get('source'), 'LXD refuses a new source'
        raw['config'] = dict(kwargs['json']['config'])
        raw['description'] = kwargs['json']['description']
        return sync({})

    def _delete_storage_pools(self, rest, kwargs):
        if rest[1:2] == ['volumes']:
            return self._volume_call('DELETE', rest, kwargs)
        if rest[0] in self.pending:
            del self.pending[rest[0]]
            return sync({})
        raw = self.pools.get(rest[0])
        if raw is None:
            return self._error(404, 'Storage pool not found')
        assert raw is not None and not [u for u in raw['used_by'] if '/images/' not in u], 'LXD refuses: in use'
        del self.pools[rest[0]]
        return sync({})

    def add_volume(self, pool, name, **fields):
        raw = dict(name=name, type='custom', content_type='filesystem', config={}, description='', used_by=[],
                   location='none')
        raw.update(fields)
        self.volumes[(pool, name)] = raw
        return raw

    def _volume_call(self, method, rest, kwargs):
        pool, names = rest[0], rest[3:]
        assert rest[2:3] == ['custom'], 'custom volumes only'
        if pool not in self.pools:
            return self._error(404, 'Storage pool not found')
        if not names:
            if method == 'GET':
                assert kwargs['params'].get('recursion') == 1, 'list with recursion=1'
                return sync([copy.deepcopy(raw) for (owner, dummy), raw in sorted(self.volumes.items()) if owner == pool])
            body = kwargs['json']
            assert (pool, body['name']) not in self.volumes, 'LXD: already exists'
            self.add_volume(pool, body['name'], content_type=body['content_type'], config=dict(body['config']),
                            description=body['description'], location=kwargs['params'].get('target') or 'none')
            return sync({})
        raw = self.volumes.get((pool, names[0]))
        if raw is None:
            return self._error(404, 'Storage volume not found')
        if names[1:2] == ['snapshots']:
            return self._owned_snapshots(method, '%s/%s' % (pool, names[0]), names[2:], kwargs)
        if method == 'PUT' and kwargs['json'].get('restore'):
            self.restored.append(('%s/%s' % (pool, names[0]), kwargs['json']['restore']))
            return sync({})
        if method == 'GET':
            return sync(copy.deepcopy(raw))
        if method == 'PUT':
            raw.update(copy.deepcopy(kwargs['json']))
            return sync({})
        assert not raw['used_by'], 'LXD refuses: in use'
        del self.volumes[(pool, names[0])]
        return sync({})

    def add_snapshot(self, instance, name, **fields):
        raw = dict(name=name, created_at='2026-12-01T10:00:00.123456789Z', expires_at='0001-01-01T00:00:00Z',
                   stateful=False)
        raw.update(fields)
        self.snapshots.setdefault(instance, {})[name] = raw
        return raw

    def _snapshot_call(self, method, rest, kwargs):
        if rest[0] not in self.instances:
            return self._error(404, 'Instance not found')
        return self._owned_snapshots(method, rest[0], rest[2:], kwargs)

    def _owned_snapshots(self, method, owner, rest, kwargs):
        """An instance's snapshots (owner: its name) or a volume's (pool/volume, named volume/snapshot)."""
        snapshots = self.snapshots.setdefault(owner, {})
        if method == 'POST':
            body = kwargs['json']
            assert body['name'] not in snapshots, 'LXD: already exists'
            default = (self.instances.get(owner) or {}).get('config', {}).get('test.expires_at', '0001-01-01T00:00:00Z')
            self.add_snapshot(owner, body['name'], stateful=bool(body.get('stateful')),
                              expires_at=body.get('expires_at') or default)
            return self._async('Snapshotting', instance=owner)
        if not rest:
            assert kwargs['params'].get('recursion') == 1, 'list with recursion=1'
            prefix = owner.split('/')[1] + '/' if '/' in owner else ''
            return sync([dict(copy.deepcopy(raw), name=prefix + raw['name']) for dummy, raw in sorted(snapshots.items())])
        raw = snapshots.get(rest[0])
        if raw is None:
            return self._error(404, 'Snapshot not found')
        if method == 'GET':
            return sync(copy.deepcopy(raw))
        if method == 'PUT':
            assert set(kwargs['json']) == {'expires_at'}, 'LXD: a snapshot PUT takes expires_at only'
            raw['expires_at'] = kwargs['json']['expires_at']
            return self._async('Updating snapshot', instance=owner)
        del snapshots[rest[0]]
        return self._async('Deleting snapshot', instance=owner)
