"""Cluster members, read only."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.ops import read_members


class Members:
    def __init__(self, platform):
        self.platform = platform

    def list(self):
        info, members = self.platform.call(read_members)
        return dict(enabled=bool(info.get('enabled')), members=members)
