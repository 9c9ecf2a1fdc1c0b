"""Jobs as AWX runs them: an inventory source with the collection's inventory plugin, site.yml, then
the audit playbook (no drift, then drift that it reports and does not change)."""

import glob
import json
import os
import subprocess
from xml.etree import ElementTree

import ansible_runner
import pytest
import yaml

from conftest import PKI, REPO

INVENTORY = os.path.join(REPO, 'inventory', 'local.yml')
EXTRA = 'armhv-awx'
# A password given as AWX gives a survey's answer; no event may show it.
PASSWORD = 'awx-survey-password-8f41c2'


def declared_instances():
    """The default inventory's instances and one more, with its own address on the demo bridge."""
    with open(INVENTORY) as handle:
        instances = yaml.safe_load(handle)['all']['vars']['instances_list']
    extra = json.loads(json.dumps(instances[0]))
    extra.update(name=EXTRA, description='armhv.hypervisor AWX test instance')
    extra['config'] = dict(extra['config'], **{'environment.ARMHV_IPV4': '198.18.20.11/24'})
    extra['config'].pop('boot.autostart', None)
    return instances + [extra]


def run_job(project, credential, playbook, ident, **extravars):
    folder = project['root'] / ident
    folder.mkdir()
    result = ansible_runner.run(
        private_data_dir=str(folder), project_dir=str(project['project']), playbook=playbook,
        inventory=INVENTORY, ident=ident, quiet=True,
        extravars=dict(extravars, instances_list=declared_instances(), api_admin_password=PASSWORD),
        envvars=dict(credential, ANSIBLE_COLLECTIONS_PATH=str(project['collections'])))
    events = list(result.events)
    return result, events


def secrets():
    """What no event may hold: the private keys on this machine and the credential's, the password."""
    found = [PASSWORD]
    for path in glob.glob(os.path.join(PKI, '*.key')) + glob.glob('/var/lib/lxd/*.key'):
        with open(path) as handle:
            lines = [line for line in handle.read().splitlines() if line and not line.startswith('-----')]
        found.extend(lines)
    return found


def assert_clean(events):
    text = json.dumps(events)
    assert 'PRIVATE KEY' not in text
    leaked = [secret[:12] for secret in secrets() if secret in text]
    assert not leaked, 'events hold secrets starting %s' % leaked


def stats_artifact(events):
    final = [e for e in events if e['event'] == 'playbook_on_stats']
    assert len(final) == 1
    return final[0]['event_data'].get('artifact_data') or {}


def lxc(*args):
    return subprocess.run(['lxc'] + list(args), check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope='module')
def site(project, credential):
    result, events = run_job(project, credential, 'site.yml', 'site')
    yield result, events
    subprocess.run(['lxc', 'delete', '--force', EXTRA], capture_output=True, check=False)


def test_inventory_source_lists_the_fleet_with_the_injected_credential(project, credential, site):
    source = project['root'] / 'fleet.lxd.yml'
    source.write_text('plugin: armhv.hypervisor.lxd\nkeyed_groups:\n  - key: armhv_status\n    prefix: status\n')
    env = dict(credential, ANSIBLE_COLLECTIONS_PATH=str(project['collections']),
               ANSIBLE_INVENTORY_ENABLED='armhv.hypervisor.lxd', ANSIBLE_INVENTORY_UNPARSED_FAILED='true')
    out, err = ansible_runner.get_inventory('list', [str(source)], response_format='json', envvars=env,
                                            quiet=True)
    graph = ansible_runner.get_inventory('graph', [str(source)], envvars=env, quiet=True)[0]
    print(graph)
    assert {'armhv-demo', EXTRA} <= set(out['lxd_instances']['hosts'])
    assert EXTRA in out['lxd_status_running']['hosts'] and EXTRA in out['status_Running']['hosts']
    assert out['_meta']['hostvars'][EXTRA]['ansible_host'] in ('198.18.20.11', {'__ansible_unsafe': '198.18.20.11'})
    assert len(out['lxd_members']['hosts']) == 1
    # The source names no server: the injected variables are what it used. A wrong pin fails it.
    wrong = dict(env, ARMHV_LXD_SERVER_CERT=credential['ARMHV_LXD_CLIENT_CERT'])
    out, err = ansible_runner.get_inventory('list', [str(source)], envvars=wrong, quiet=True)
    assert 'armhv.hypervisor.lxd inventory: cannot connect to LXD at https://127.0.0.1:8443' in out + err


def test_site_job_succeeds_and_shows_no_secret(site):
    result, events = site
    print('site job:', result.status, result.rc, result.stats)
    assert (result.status, result.rc) == ('successful', 0), result.stdout.read()
    assert result.stats['failures'] == {} and result.stats['dark'] == {}
    assert any(e['event'] == 'runner_on_ok' for e in events)
    assert lxc('list', EXTRA, '--format', 'csv', '-c', 's') == 'RUNNING'
    assert_clean(events)


def test_audit_job_reports_no_drift_after_site(project, credential, site, tmp_path):
    result, events = run_job(project, credential, 'audit.yml', 'audit-clean', audit_report_dir=str(tmp_path))
    assert (result.status, result.rc) == ('successful', 0)
    audit = stats_artifact(events)['armhv_audit']
    assert audit['drift'] == 0 and audit['failed_resources'] == 0 and audit['unmanaged'] == 0, audit
    report = json.loads((tmp_path / 'localhost.json').read_text())
    assert {'armhv-demo', EXTRA} <= {r['resource'] for r in report['resources']}
    assert_clean(events)


def test_audit_job_reports_drift_and_changes_nothing(project, credential, site, tmp_path):
    lxc('config', 'set', 'armhv-demo', 'limits.memory', '96MiB')
    lxc('stop', '--force', EXTRA)
    try:
        result, events = run_job(project, credential, 'audit.yml', 'audit-drift', audit_report_dir=str(tmp_path))
        assert (result.status, result.rc) == ('successful', 0)
        audit = stats_artifact(events)['armhv_audit']
        print('audit job with drift:', result.status, result.rc, audit)
        assert audit['drift'] == 2 and audit['drifted'] == ['localhost'], audit
        drifted = {r['resource']: r for r in json.loads((tmp_path / 'localhost.json').read_text())['resources']
                   if r['changed']}
        assert set(drifted) == {'armhv-demo', EXTRA}
        assert drifted['armhv-demo']['changes'] == [dict(key='limits.memory', before='96MiB', after='64MiB')]
        assert dict(key='status', before='Stopped', after='Running') in drifted[EXTRA]['changes']
        suite = ElementTree.parse(str(tmp_path / 'localhost.xml')).getroot().find('testsuite')
        failures = {case.get('name') for case in suite.findall('testcase') if case.find('failure') is not None}
        assert failures == {'armhv-demo', EXTRA}
        # The audit changed nothing.
        assert lxc('config', 'get', 'armhv-demo', 'limits.memory') == '96MiB'
        assert lxc('list', EXTRA, '--format', 'csv', '-c', 's') == 'STOPPED'
        assert_clean(events)
        failing = run_job(project, credential, 'audit.yml', 'audit-fail', audit_report_dir=str(tmp_path),
                          audit_fail_on_drift=True)[0]
        assert failing.status == 'failed' and failing.rc != 0
    finally:
        lxc('config', 'set', 'armhv-demo', 'limits.memory', '64MiB')
        lxc('start', EXTRA)
