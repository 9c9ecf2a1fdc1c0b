# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys
import time

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge import confirm
from ansible_collections.armhv.hypervisor.plugins.module_utils._bridge import steps
from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError
from ansible_collections.armhv.hypervisor.tests.unit.fakes.fake_netlink import FakeIPRoute


@pytest.fixture
def revert_dir(tmp_path, mocker):
    mocker.patch.object(steps, 'REVERT_DIR', str(tmp_path / 'armhv'))
    popen = mocker.patch.object(confirm.subprocess, 'Popen')
    popen.return_value.pid = 4242
    return tmp_path / 'armhv', popen


FILES = dict(root='/r', before={'etc/a': 'old'}, after={'etc/a': 'new', 'etc/b': 'added'})


def test_arm_writes_a_self_contained_script_and_the_record(revert_dir):
    folder, popen = revert_dir
    path = confirm.arm('br0', 'lab', [['set', 'mtu', 1500]], FILES, 30)
    record = json.load(open(path))
    assert record['undo'] == [['set', 'mtu', 1500]] and record['netns'] == 'lab'
    assert record['files'] == {'etc/a': 'old', 'etc/b': None}, 'files the change touches, as they were'
    assert 25 < record['deadline'] - time.time() <= 30
    script = (folder / confirm.SCRIPT).read_text()
    assert 'ansible_collections' not in script.replace('# ', ''), 'the revert must run without the payload'
    args, kwargs = popen.call_args
    assert args[0] == [sys.executable, str(folder / confirm.SCRIPT), path] and kwargs['start_new_session']
    with pytest.raises(ArmhvError, match='already armed'):
        confirm.arm('br0', 'lab', [], None, 30)


def test_disarm_states(revert_dir, mocker):
    kill = mocker.patch.object(confirm.os, 'kill')
    assert confirm.pending('br0', None) == 'none' and confirm.disarm('br0', None) == 'none'
    path = confirm.arm('br0', None, [], None, 30)
    assert confirm.pending('br0', None) == 'confirmed'
    assert confirm.disarm('br0', None) == 'confirmed'
    kill.assert_called_once_with(4242, confirm.signal.SIGTERM)
    assert not os.path.exists(path) and not os.path.exists(path + '.pid')
    open(path + '.reverted', 'w').close()
    assert confirm.pending('br0', None) == 'reverted'
    assert confirm.disarm('br0', None) == 'reverted' and confirm.disarm('br0', None) == 'none'


def test_arming_again_after_a_revert_ran_leaves_the_confirm_to_this_run(revert_dir, mocker):
    mocker.patch.object(confirm.os, 'kill')
    path = steps.record_path('br0', None)
    os.makedirs(os.path.dirname(path))
    open(path + '.reverted', 'w').close()
    assert confirm.earlier_revert_ran('br0', None)
    confirm.arm('br0', None, [], None, 30)
    assert not confirm.earlier_revert_ran('br0', None)
    assert confirm.disarm('br0', None) == 'confirmed', 'the confirm stops this run\'s revert'
    assert not os.path.exists(path)


def test_the_detached_process_reverts_unless_confirmed(revert_dir, mocker, tmp_path):
    ipr = FakeIPRoute()
    ipr.add_link('br0', kind='bridge', up=True)
    ipr.links['br0']['mtu'] = 1200
    mocker.patch.dict(sys.modules, {'pyroute2': mocker.Mock(IPRoute=lambda: ipr)})
    (tmp_path / 'etc').mkdir()
    (tmp_path / 'etc' / 'a').write_text(u'new')
    (tmp_path / 'etc' / 'b').write_text(u'added')
    files = dict(root=str(tmp_path), before={'etc/a': 'old'}, after={'etc/a': 'new', 'etc/b': 'added'})
    path = confirm.arm('br0', None, [['set', 'mtu', 1500]], files, 0)
    assert steps.wait_and_revert(path) == 0
    assert ipr.links['br0']['mtu'] == 1500
    assert (tmp_path / 'etc' / 'a').read_text() == 'old' and not (tmp_path / 'etc' / 'b').exists()
    assert os.path.exists(path + '.reverted') and not os.path.exists(path)


def test_a_revert_confirmed_while_it_sleeps_does_nothing(revert_dir, mocker):
    mocker.patch.object(confirm.os, 'kill')
    path = confirm.arm('br0', None, [['delete', 'br0']], None, 5)
    reverted = mocker.patch.object(steps, 'revert_now')
    mocker.patch.object(steps.time, 'sleep', side_effect=lambda seconds: confirm.disarm('br0', None))
    assert steps.wait_and_revert(path) == 0
    assert not reverted.called and not os.path.exists(path + '.reverted')
