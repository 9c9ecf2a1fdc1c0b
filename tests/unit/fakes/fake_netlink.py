# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A strict in-memory rtnetlink behind pyroute2's IPRoute interface, counting dumps and changes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class Msg:
    def __init__(self, fields, attrs):
        self._fields = fields
        self._attrs = attrs

    def __getitem__(self, key):
        return self._fields[key]

    def get_attr(self, name):
        return self._attrs.get(name)


class FakeIPRoute:
    def __init__(self):
        self.links = {}
        self.addresses = {}
        # (family, interface name) of each default route of the main table
        self.default_routes = []
        self.calls = []
        self.closed = False

    def add_link(self, name, kind=None, master=None, up=False, **bridge):
        index = len(self.links) + 1
        self.links[name] = dict(index=index, kind=kind, master=master, up=up, mtu=1500,
                                mac='02:00:00:00:00:%02x' % index, bridge=bridge)
        return index

    def _msg(self, name, link):
        master = self.links[link['master']]['index'] if link['master'] else None
        data = None
        if link['kind'] == 'bridge':
            values = dict(dict(forward_delay=1500, hello_time=200, max_age=2000, ageing_time=30000, stp_state=0,
                               priority=32768, vlan_filtering=0), **link['bridge'])
            data = Msg({}, dict(('IFLA_BR_%s' % k.upper(), v) for k, v in values.items()))
        info = Msg({}, {'IFLA_INFO_KIND': link['kind'], 'IFLA_INFO_DATA': data}) if link['kind'] else None
        return Msg({'index': link['index'], 'flags': 1 if link['up'] else 0},
                   {'IFLA_IFNAME': name, 'IFLA_LINKINFO': info, 'IFLA_MASTER': master, 'IFLA_MTU': link['mtu'],
                    'IFLA_ADDRESS': link['mac'], 'IFLA_OPERSTATE': 'UP' if link['up'] else 'DOWN'})

    def get_links(self):
        self.calls.append('dump links')
        return [self._msg(name, link) for name, link in self.links.items()]

    def get_addr(self, index):
        self.calls.append('dump addresses')
        name = [n for n, link in self.links.items() if link['index'] == index][0]
        return [Msg({'prefixlen': int(a.split('/')[1])}, {'IFA_ADDRESS': a.split('/')[0]})
                for a in self.addresses.get(name, [])]

    def route(self, command, family):
        assert command == 'dump'
        self.calls.append('dump routes')
        return [Msg({'dst_len': 0, 'table': 254}, {'RTA_TABLE': 254, 'RTA_OIF': self.links[name]['index']})
                for found, name in self.default_routes if found == family]

    def link_lookup(self, ifname):
        return [self.links[ifname]['index']] if ifname in self.links else []

    def _name(self, index):
        return [n for n, link in self.links.items() if link['index'] == index][0]

    def link(self, command, **kwargs):
        self.calls.append('link %s' % command)
        if command == 'add':
            assert kwargs == {'ifname': kwargs['ifname'], 'kind': 'bridge'}
            self.add_link(kwargs['ifname'], kind='bridge')
            return
        name = self._name(kwargs.pop('index'))
        if command == 'del':
            del self.links[name]
            return
        link = self.links[name]
        kwargs.pop('kind', None)
        for key, value in kwargs.items():
            if key == 'master':
                link['master'] = self._name(value) if value else None
            elif key == 'state':
                link['up'] = value == 'up'
            elif key == 'mtu':
                link['mtu'] = value
            elif key == 'address':
                link['mac'] = value
            else:
                assert key.startswith('br_'), key
                link['bridge'][key[3:]] = value

    def addr(self, command, index, address, prefixlen):
        self.calls.append('addr %s' % command)
        found = self.addresses.setdefault(self._name(index), [])
        text = '%s/%d' % (address, prefixlen)
        if command == 'add':
            found.append(text)
        else:
            found.remove(text)

    def close(self):
        self.closed = True
