# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._lxd import client as _lxd_client
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_lxd import FakeLxd


@pytest.fixture
def lxd(mocker):
    """A strict fake LXD in place of pylxd's API node."""
    fake = FakeLxd()
    mocker.patch.object(_lxd_client.pylxd.client, '_APINode', fake.node_class())
    return fake
