"""LXD killed (SIGKILL) in the middle of a change, then started again: the failed run said what it had
done, a rerun converges, and nothing is left over."""

import os

from conftest import LXD_DIR, SOCKET, arm, lxc, module, result_of, wait_for_hit


def volumes():
    return sorted(lxc('storage', 'volume', 'list', 'default', '--format', 'csv', '-c', 'tn').splitlines())


def killed_during(daemon, name, args):
    """Run the module, kill LXD once its change is under way, start LXD again; the run's result."""
    arm()
    running = module(name, args, background=True)
    wait_for_hit()
    daemon.kill()
    result = result_of(running)
    daemon.start()
    return result


def test_lxc_container_create(daemon):
    args = dict(name='kill1', image='busybox', state='started', url=SOCKET)
    failed = killed_during(daemon, 'armhv.hypervisor.lxc_container', args)
    assert failed['failed']
    assert 'creating instance kill1 failed' in failed['msg'] and 'next run deletes and creates it again' in failed['msg']
    print('left after the kill:', lxc('list', '--format', 'csv', '-c', 'ns'), volumes())
    rerun = module('armhv.hypervisor.lxc_container', args)
    assert not rerun.get('failed'), rerun
    assert rerun['changed'] and rerun['instance']['status'] == 'Running'
    again = module('armhv.hypervisor.lxc_container', args)
    assert not again['changed'] and not again.get('failed')
    assert lxc('list', '--format', 'csv', '-c', 'ns') == 'kill1,RUNNING'
    assert volumes() == ['container,kill1']
    assert lxc('config', 'get', 'kill1', 'user.armhv.creating') == ''
    lxc('delete', '--force', 'kill1')


def test_lxc_containers_create_several(daemon):
    entries = [dict(name='bulk%d' % n, image='busybox', state='started') for n in range(3)]
    args = dict(instances=entries, parallel=3, url=SOCKET)
    failed = killed_during(daemon, 'armhv.hypervisor.lxc_containers', args)
    assert failed['failed']
    by_name = dict((entry['name'], entry) for entry in failed['instances'])
    assert set(by_name) == {'bulk0', 'bulk1', 'bulk2'}
    # Every entry whose create LXD did not finish says so by name (the held one at least).
    cut = [name for name, entry in by_name.items() if entry['failed']]
    assert cut, failed['instances']
    for name in cut:
        assert 'creating instance %s failed' % name in by_name[name]['msg'], by_name[name]
        assert 'may be left half made' in by_name[name]['msg']
    print('left after the kill:', lxc('list', '--format', 'csv', '-c', 'ns'), volumes())
    rerun = module('armhv.hypervisor.lxc_containers', args)
    assert not rerun.get('failed'), rerun
    assert all(entry['instance']['status'] == 'Running' for entry in rerun['instances'])
    again = module('armhv.hypervisor.lxc_containers', args)
    assert not again['changed']
    assert volumes() == ['container,bulk0', 'container,bulk1', 'container,bulk2']
    for n in range(3):
        lxc('delete', '--force', 'bulk%d' % n)


def test_storage_pool_create(daemon):
    args = dict(name='killpool', driver='btrfs', config={'size': '1GiB'}, url=SOCKET)
    failed = killed_during(daemon, 'armhv.hypervisor.storage_pool', args)
    assert failed['failed']
    assert 'creating storage pool killpool failed' in failed['msg']
    assert 'next run deletes and creates it again' in failed['msg']
    print('left after the kill:', lxc('storage', 'show', 'killpool'))
    rerun = module('armhv.hypervisor.storage_pool', args)
    assert not rerun.get('failed'), rerun
    assert rerun['actions'] == ['delete', 'create'] and 'half made' in rerun['warnings'][0]
    again = module('armhv.hypervisor.storage_pool', args)
    assert not again['changed'] and not again.get('failed')
    shown = lxc('storage', 'show', 'killpool')
    assert 'status: Created' in shown and 'user.armhv.creating' not in shown
    assert os.listdir(LXD_DIR + '/disks') == ['killpool.img'], 'one loop file, the new pool\'s'
    lxc('storage', 'delete', 'killpool')
    assert os.listdir(LXD_DIR + '/disks') == []
