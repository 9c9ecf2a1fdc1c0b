"""armhv.hypervisor management API: LXD instances, bridges, pools and the cluster over REST."""

__version__ = '0.1.0'
