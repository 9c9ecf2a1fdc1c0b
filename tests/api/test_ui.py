"""The web UI in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium),
served by the service in the API's test namespace over TLS and backed by its real LXD: an operator runs a
container through the page, a viewer sees no action, an admin rotates a key, an admin whose role needs a
second factor enrols and signs in with codes. Every page is checked with axe-core and at a phone's width,
and photographed into tests/output/ui."""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
import time

import httpx
import pyotp
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service as ChromeDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, COLLECTION, LXD_DIR, PROJECT, local_service, lxc

SHOTS = os.path.join(COLLECTION, 'tests', 'output', 'ui')
AXE_TARBALL = os.path.join(os.path.dirname(__file__), 'vendor', 'axe-core-4.14.1.tgz')
AXE_SHA1 = '14d8a6f3f085afd126b8b5ca1e42e50e17fb1d99'
# What a viewer must never be offered.
ACTION_WORDS = {'Create', 'New', 'Add', 'Start', 'Stop', 'Restart', 'Delete', 'Remove'}
MARKUP_DESCRIPTION = '<img src=x onerror="window.pwned=1">'
MARKUP_NOTE = '<script>window.pwned=2</script>'
PASSWORDS = dict(uiop='operator in the browser', uiview='viewer in the browser')


def axe_source():
    with open(AXE_TARBALL, 'rb') as handle:
        packed = handle.read()
    assert hashlib.sha1(packed).hexdigest() == AXE_SHA1, 'the vendored axe-core is not the registry\'s'
    with tarfile.open(fileobj=io.BytesIO(packed)) as tar:
        return tar.extractfile('package/axe.min.js').read().decode('utf-8')


@pytest.fixture(scope='module')
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    # As root Chromium needs --no-sandbox; the rest keeps it from calling any host but the one under test.
    for flag in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync',
                 '--disable-dev-shm-usage', '--window-size=1280,900',
                 '--user-data-dir=' + tempfile.mkdtemp(prefix='armhv-ui-chromium-')):
        options.add_argument(flag)
    # The service's certificate is from the tests' own CA, which this profile does not know.
    options.accept_insecure_certs = True
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    driver = webdriver.Chrome(service=ChromeDriver(executable_path='/usr/bin/chromedriver'), options=options)
    driver.axe = axe_source()
    os.makedirs(SHOTS, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope='module')
def users(admin):
    for username, role in (('uiop', 'operator'), ('uiview', 'viewer')):
        made = admin.post('/api/v1/users', json=dict(username=username, password=PASSWORDS[username], role=role))
        assert made.status_code in (201, 409), made.text


@pytest.fixture
def by_ansible(lxd):
    """The container a playbook made; it and the one the browser makes are gone afterwards, whatever
    happened: the other API tests expect the service's project empty."""
    ansible_creates('by-ansible')
    try:
        yield 'by-ansible'
    finally:
        for name in ('by-ansible', 'ui-made'):
            lxc('delete', '--force', name, check=False)


def wait(driver, seconds=20):
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def heading(driver, text):
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, 'main h1').text == text)


def sign_in(driver, base, username, password, otp=None):
    """A fresh load of the page (no session: the token lived in the last page's memory), then the form,
    with the keyboard alone."""
    driver.get(base + '/ui/')
    wait(driver).until(EC.visibility_of_element_located((By.ID, 'f-username'))).send_keys(username + Keys.TAB)
    driver.switch_to.active_element.send_keys(password + Keys.ENTER)
    if otp is not None:
        wait(driver).until(EC.visibility_of_element_located((By.ID, 'f-code'))).send_keys(otp + Keys.ENTER)


def click(driver, xpath, seconds=20):
    """Click what xpath finds once it is there; the lists redraw as they poll, so find it again if it went."""
    def clicked(d):
        d.find_element(By.XPATH, xpath).click()
        return True
    wait(driver, seconds).until(clicked)


def row_xpath(name):
    return "//tbody/tr[td[1][normalize-space()='%s']]" % name


def status_of(driver, name):
    found = driver.find_elements(By.XPATH, row_xpath(name) + '/td[2]')
    return found[0].text if found else None


def ours(driver):
    """This test's containers in the order the table lists them (another test's may be there too)."""
    names = [td.text for td in driver.find_elements(By.XPATH, '//tbody/tr/td[1]')]
    return [name for name in names if name in ('by-ansible', 'ui-made')]


def console_failures(driver):
    """Script errors and CSP violations the page logged; an API refusal the test provoked is not one."""
    return [entry['message'] for entry in driver.get_log('browser')
            if entry['level'] == 'SEVERE' and 'Failed to load resource' not in entry['message']]


def check_page(driver, name):
    """axe-core finds nothing serious or critical; at 390 px the page does not scroll sideways; both
    widths photographed."""
    driver.save_screenshot(os.path.join(SHOTS, name + '.png'))
    driver.execute_script(driver.axe)
    violations = driver.execute_async_script(
        'const done = arguments[arguments.length - 1];'
        'axe.run(document, {resultTypes: ["violations"]}).then('
        '  (found) => done(found.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help}))),'
        '  (error) => done([{id: "axe failed", impact: "critical", help: String(error)}]));')
    assert [v for v in violations if v['impact'] in ('serious', 'critical')] == [], (name, violations)
    driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                           dict(width=390, height=844, deviceScaleFactor=1, mobile=True))
    try:
        time.sleep(0.2)
        overflow = driver.execute_script('return document.documentElement.scrollWidth - window.innerWidth')
        assert overflow <= 0, '%s scrolls sideways at 390 px by %s px' % (name, overflow)
        driver.save_screenshot(os.path.join(SHOTS, name + '-390px.png'))
    finally:
        driver.execute_cdp_cmd('Emulation.clearDeviceMetricsOverride', {})


def ansible_creates(name):
    """The container an operator finds made by a playbook run: lxc_container through ansible's own CLI,
    with markup in its description and a user key."""
    args = dict(name=name, image='busybox', project=PROJECT, url='unix:' + LXD_DIR + '/unix.socket',
                description=MARKUP_DESCRIPTION, config={'user.note': MARKUP_NOTE}, state='started')
    venv = os.path.join(COLLECTION, '.venv', 'bin')
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(COLLECTION, 'build', 'collections'))
    result = subprocess.run([os.path.join(venv, 'ansible'), 'all', '-i', 'localhost,', '-c', 'local',
                             '-e', 'ansible_python_interpreter=' + os.path.join(venv, 'python'),
                             '-m', 'armhv.hypervisor.lxc_container', '-a', json.dumps(args)],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_operator_runs_a_container_from_the_browser(service, users, browser, by_ansible):
    base = str(service.client.base_url)
    browser.get_log('browser')
    sign_in(browser, base, 'uiop', PASSWORDS['uiop'])
    heading(browser, 'Containers')
    wait(browser).until(lambda d: status_of(d, 'by-ansible') == 'Running')
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, 'thead th')]
    assert headers[:6] == ['Name', 'Status', 'Architecture', 'Cluster member', 'Addresses', 'Image']
    # The token is in the page's memory only.
    assert browser.execute_script('return [localStorage.length, sessionStorage.length, document.cookie]') == [0, 0, '']
    check_page(browser, 'containers')

    click(browser, "//button[normalize-space()='Create']")
    browser.find_element(By.ID, 'f-name').send_keys('<b>bad</b>')
    browser.find_element(By.ID, 'f-image').send_keys('busybox')
    click(browser, "//form//button[normalize-space()='Create']")
    shown = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, 'form [role=alert]')).text
    refused = service.client.post('/api/v1/containers', headers={'Authorization': 'Bearer ' + service.token()},
                                  json=dict(name='<b>bad</b>', image='busybox'))
    assert shown == refused.json()['error']['message'], (shown, refused.text)
    assert browser.find_elements(By.CSS_SELECTOR, 'main b') == []
    name_field = browser.find_element(By.ID, 'f-name')
    name_field.clear()
    name_field.send_keys('ui-made')
    check_page(browser, 'create')
    click(browser, "//form//button[normalize-space()='Create']")
    wait(browser, 120).until(lambda d: status_of(d, 'ui-made') == 'Running')
    click(browser, "//thead//button[normalize-space()='Name']")  # ascending already: now descending
    wait(browser).until(lambda d: ours(d) == ['ui-made', 'by-ansible'])
    click(browser, "//thead//button[normalize-space()='Name']")
    wait(browser).until(lambda d: ours(d) == ['by-ansible', 'ui-made'])
    browser.find_element(By.ID, 'f-filter').send_keys('ui-')
    wait(browser).until(lambda d: [td.text for td in d.find_elements(By.XPATH, '//tbody/tr/td[1]')] == ['ui-made'])
    browser.find_element(By.ID, 'f-filter').clear()
    browser.find_element(By.ID, 'f-filter').send_keys(' ' + Keys.BACKSPACE)
    click(browser, row_xpath('ui-made') + "//button[normalize-space()='Restart']")
    wait(browser, 60).until(lambda d: 'Restart ui-made: done.' in d.find_element(By.ID, 'main').text)
    assert status_of(browser, 'ui-made') == 'Running'

    click(browser, row_xpath('ui-made') + "//button[normalize-space()='Stop']")
    wait(browser, 60).until(lambda d: status_of(d, 'ui-made') == 'Stopped')
    click(browser, row_xpath('ui-made') + "//button[normalize-space()='Start']")
    wait(browser, 60).until(lambda d: status_of(d, 'ui-made') == 'Running')
    click(browser, row_xpath('ui-made') + "//button[normalize-space()='Delete']")
    wait(browser).until(EC.alert_is_present())
    browser.switch_to.alert.accept()
    wait(browser, 60).until(lambda d: status_of(d, 'ui-made') is None)

    # The markup in LXD's data is text on the detail page, and ran nothing.
    click(browser, "//a[normalize-space()='by-ansible']")
    heading(browser, 'by-ansible')
    wait(browser).until(lambda d: MARKUP_NOTE in d.find_element(By.ID, 'main').text)
    assert MARKUP_DESCRIPTION in browser.find_element(By.ID, 'main').text
    assert browser.execute_script('return window.pwned') is None
    assert browser.find_elements(By.CSS_SELECTOR, 'main img, main script') == []
    check_page(browser, 'container')
    assert console_failures(browser) == []


def offered_actions(driver):
    labels = [node.text.strip() for node in driver.find_elements(By.CSS_SELECTOR, 'button, a, [role=button]')]
    return sorted(label for label in labels if label in ACTION_WORDS)


def test_a_viewer_sees_no_action_and_a_forged_request_is_refused(service, users, admin, browser):
    base = str(service.client.base_url)
    sign_in(browser, base, 'uiview', PASSWORDS['uiview'])
    heading(browser, 'Containers')
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'tbody tr'))
    nav = [link.text for link in browser.find_elements(By.CSS_SELECTOR, 'nav a')]
    assert nav == ['Containers', 'Bridges', 'Storage pools', 'Cluster members']
    for page, title in (('containers', 'Containers'), ('bridges', 'Bridges'), ('storage-pools', 'Storage pools'),
                        ('cluster-members', 'Cluster members'), ('second-factor', 'Second factor'),
                        ('password', 'Change password')):
        browser.execute_script('location.hash = arguments[0]', '#/' + page)
        heading(browser, title)
        time.sleep(0.3)
        assert offered_actions(browser) == [], (page, offered_actions(browser))
        if page != 'containers':
            check_page(browser, page)
    # The page's own origin, the viewer's own credentials, a request the page never offers.
    status = browser.execute_async_script(
        'const done = arguments[arguments.length - 1];'
        'fetch("../api/v1/auth/token", {method: "POST", headers: {"Content-Type": "application/json"},'
        '  body: JSON.stringify({username: "uiview", password: arguments[0]})})'
        '.then((r) => r.json()).then((t) => fetch("../api/v1/containers", {method: "POST",'
        '  headers: {"Content-Type": "application/json", "Authorization": "Bearer " + t.access_token},'
        '  body: JSON.stringify({name: "forged", image: "busybox"})}))'
        '.then((r) => done(r.status), (e) => done(String(e)));', PASSWORDS['uiview'])
    assert status == 403
    # A token that ends on the server (a password reset) ends the page's session at its next poll.
    browser.execute_script('location.hash = arguments[0]', '#/containers')
    heading(browser, 'Containers')
    reset = admin.put('/api/v1/users/uiview', json=dict(password=PASSWORDS['uiview']))
    assert reset.status_code == 200, reset.text
    heading(browser, 'Sign in')
    assert 'Your session ended' in browser.find_element(By.ID, 'main').text
    sign_in(browser, base, 'uiview', PASSWORDS['uiview'])
    heading(browser, 'Containers')
    click(browser, "//button[normalize-space()='Sign out']")
    heading(browser, 'Sign in')
    assert 'You signed out.' in browser.find_element(By.ID, 'main').text


def test_an_admin_rotates_a_key_and_the_old_one_stops_after_the_grace(service, browser):
    base = str(service.client.base_url)
    sign_in(browser, base, 'admin', ADMIN_PASSWORD)
    heading(browser, 'Containers')
    click(browser, "//nav/a[normalize-space()='API keys']")
    heading(browser, 'API keys')
    browser.find_element(By.ID, 'f-key-name').send_keys(MARKUP_DESCRIPTION)
    click(browser, "//form//button[normalize-space()='Create']")
    old = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, '.secret')).text
    key_id = old.split('_')[1]
    client = httpx.Client(base_url=service.client.base_url, verify=service.verify, timeout=60)
    assert client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + old}).status_code == 200
    click(browser, "//tbody/tr[td[1][normalize-space()='%s']]//button[normalize-space()='Rotate']" % key_id)
    wait(browser).until(lambda d: 'was rotated' in d.find_element(By.ID, 'main').text)
    new = browser.find_element(By.CSS_SELECTOR, '.secret').text
    assert new != old and client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + old}).status_code == 200
    time.sleep(3.5)  # key_grace_seconds is 3 in the tests' configuration
    assert client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + old}).status_code == 401
    assert client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + new}).status_code == 200
    assert MARKUP_DESCRIPTION in browser.find_element(By.ID, 'main').text
    assert browser.execute_script('return window.pwned') is None
    check_page(browser, 'api-keys')
    new_id = new.split('_')[1]
    click(browser, "//tbody/tr[td[1][normalize-space()='%s']]//button[normalize-space()='Revoke']" % new_id)
    wait(browser).until(EC.alert_is_present())
    browser.switch_to.alert.accept()
    wait(browser).until(lambda d: 'was revoked' in d.find_element(By.ID, 'main').text)
    assert client.get('/api/v1/containers', headers={'Authorization': 'Bearer ' + new}).status_code == 401
    for page, title in (('users', 'Users'), ('audit-log', 'Audit log')):
        click(browser, "//nav/a[normalize-space()='%s']" % title)
        heading(browser, title)
        wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'tbody tr'))
        check_page(browser, page)
    assert console_failures(browser) == []


def test_an_admin_whose_role_needs_a_second_factor_enrols_and_signs_in_with_codes(lxd, browser):
    with local_service('ui-mfa', 18455, '', auth='require_mfa = ["admin"]\n') as found:
        base = 'http://127.0.0.1:18455'
        sign_in(browser, base, 'admin', ADMIN_PASSWORD)
        heading(browser, 'Second factor')
        assert browser.find_elements(By.CSS_SELECTOR, 'nav a') == []
        click(browser, "//button[normalize-space()='Set up']")
        secret = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, '.secret')).text
        assert browser.find_elements(By.CSS_SELECTOR, '.qr svg')
        check_page(browser, 'second-factor-enrol')
        browser.find_element(By.ID, 'f-code').send_keys(pyotp.TOTP(secret).now() + Keys.ENTER)
        codes = wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, '.codes li'))
        recovery = [code.text for code in codes]
        assert len(recovery) == 10
        click(browser, "//button[normalize-space()='Done']")
        heading(browser, 'Containers')
        click(browser, "//button[normalize-space()='Sign out']")
        heading(browser, 'Sign in')

        code = pyotp.TOTP(secret).at(time.time() + 30)  # enrolment spent the current step
        sign_in(browser, base, 'admin', ADMIN_PASSWORD, otp=code)
        heading(browser, 'Containers')
        sign_in(browser, base, 'admin', ADMIN_PASSWORD, otp=code)
        wait(browser).until(lambda d: 'used already' in d.find_element(By.ID, 'main').text)
        sign_in(browser, base, 'admin', ADMIN_PASSWORD, otp=recovery[0])
        heading(browser, 'Containers')
        sign_in(browser, base, 'admin', ADMIN_PASSWORD, otp=recovery[0])
        wait(browser).until(lambda d: 'wrong code' in d.find_element(By.ID, 'main').text)
        check_page(browser, 'sign-in')
        assert found.client.get('/ui/').headers['content-security-policy'].startswith("default-src 'none'")
    assert console_failures(browser) == []
