"""schemathesis against the served OpenAPI document: no 5xx, responses as documented. Last in the run: it
creates and deletes random bridges, pools and containers, all inside the test namespace and LXD.
The coverage phase is left out: schemathesis 4.32 stops in it on an internal error (hypothesis' lambda
source parser), not on anything of ours."""

import os
import sys

from conftest import ROOT, run


def test_openapi_contract(service, admin):
    spec = service.client.get('/openapi.json')
    assert spec.status_code == 200 and '/api/v1/containers/{name}/start' in spec.json()['paths']
    result = run(os.path.join(os.path.dirname(sys.executable), 'schemathesis'), 'run',
                 str(service.client.base_url) + '/openapi.json',
                 '--checks', 'not_a_server_error,response_schema_conformance,content_type_conformance',
                 '--phases', 'examples,fuzzing,stateful', '--max-examples', '25', '--max-time', '100',
                 '--workers', '2', '--tls-verify', ROOT + '/pki/ca.crt', '--request-timeout', '120',
                 '--header', 'Authorization: ' + admin.headers['authorization'], check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
