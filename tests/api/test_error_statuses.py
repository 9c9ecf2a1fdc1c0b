"""Every error kind answers one HTTP status, from one map (armhv_api/errors.py)."""

import pytest

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Busy, Conflict, DaemonRefused, InvalidRequest, LxdConnectionError, NotFound)

from armhv_api.errors import (
    Forbidden, NoSuchResource, RateLimited, Unauthorized, Unavailable, http_headers, http_status)


@pytest.mark.parametrize('error, status', [
    (InvalidRequest('x'), 422), (NotFound('x', 'image', 'a'), 422), (NoSuchResource('x', 'instance', 'a'), 404), (Conflict('x'), 409), (Busy('x', 500), 409),
    (DaemonRefused('x', 500, 'POST'), 422), (LxdConnectionError('x'), 503), (Unavailable('x'), 503),
    (Unauthorized('x'), 401), (Forbidden('x'), 403), (RateLimited('x', 7), 429), (ArmhvError('x'), 422),
])
def test_each_kind_has_its_status(error, status):
    assert http_status(error) == status


def test_only_a_rate_limit_sends_retry_after():
    assert http_headers(RateLimited('slow down', 7)) == {'Retry-After': '7'}
    assert http_headers(Conflict('x')) is None
