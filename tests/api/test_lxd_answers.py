"""Which of LXD's error answers are LXD being unavailable (503) and which its refusal of the request
(422): LXD answers 500 to both. The LXD connection is a stand-in here; test_scenarios.py has a real
refusal and test_faults.py a real daemon going away."""

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, DaemonRefused, LxdConnectionError

from armhv_api.platform import lxd_failed


class Lxd:
    """Answers GET /1.0 with what it is given: a value, or an error to raise."""

    def __init__(self, answer):
        self.answer = answer

    def get(self, path):
        assert path == ''
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.mark.parametrize('status, method, server, failed', [
    (500, 'GET', {}, True),
    (503, 'GET', {}, True),
    (500, 'POST', {}, False),
    (500, 'DELETE', {}, False),
    (500, 'POST', LxdConnectionError('cannot connect to LXD'), True),
    (500, 'PUT', DaemonRefused('LXD GET /1.0 failed: database is closed', status=500, method='GET'), True),
    (400, 'POST', LxdConnectionError('cannot connect to LXD'), False),
    (None, None, {}, False),
], ids=['read-500', 'read-503', 'refused-create', 'refused-delete', 'create-then-gone', 'update-then-failing',
        'bad-request', 'not-from-lxd'])
def test_a_5xx_is_unavailability_only_when_lxd_is_failing(status, method, server, failed):
    error = DaemonRefused('LXD %s /1.0/x failed: boom' % method, status=status, method=method)
    assert lxd_failed(Lxd(server), error) is failed


def test_only_the_daemons_answers_are_judged():
    assert lxd_failed(Lxd({}), ArmhvError('LXD operation x did not finish within 30 seconds')) is False
