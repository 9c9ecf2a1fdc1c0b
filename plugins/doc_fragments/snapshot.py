# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The expiry options of instance_snapshot and storage_volume_snapshot (module_utils/_snapshot).
    DOCUMENTATION = r'''
options:
  expires_at:
    description:
      - When the daemon deletes the snapshot, an RFC 3339 time such as C(2027-01-31T12:00:00Z) (an offset is
        turned into UTC), or V(never). Enforced on an existing snapshot too.
      - Mutually exclusive with O(expiry).
    type: str
  expiry:
    description:
      - How long a new snapshot is kept, in the daemon's expiry syntax, numbers each followed by a unit,
        C(M) minutes, C(H) hours, C(d) days, C(w) weeks, C(m) months, C(y) years (so C(30M) is half an hour
        and C(6m) half a year), such as C(7d) or C(1w 12H).
      - Counted from when the task takes the snapshot; an existing snapshot keeps its expiry.
      - When neither O(expires_at) nor O(expiry) is given, a new snapshot gets its instance's or volume's
        C(snapshots.expiry), if it has one.
    type: str
'''
