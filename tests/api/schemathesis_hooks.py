"""Checks of ours for schemathesis (loaded through SCHEMATHESIS_HOOKS by test_schemathesis)."""

import schemathesis


@schemathesis.check
def request_id_on_every_response(ctx, response, case):
    """Every answer, error or not, carries X-Request-ID (the one the error body names, if any)."""
    if not response.headers.get('x-request-id'):
        raise AssertionError('no X-Request-ID on %s %s (status %s)'
                             % (case.method, case.formatted_path, response.status_code))
