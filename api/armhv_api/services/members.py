"""Cluster members, read only."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._cluster.ops import list_members


class Members:
    def __init__(self, platform):
        self.platform = platform

    def list(self):
        members = self.platform.call(list_members)
        # A cluster has at least one member: this one.
        return dict(enabled=bool(members), members=members)
