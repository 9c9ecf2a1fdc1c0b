"""An unexpected error is a JSON 500 with the request id, never a bare one: the application in process,
with a route that fails the way no route should."""

import asyncio

import httpx

from armhv_api import config, db
from armhv_api.app import create_app

from conftest import SECRET


def test_an_unexpected_error_is_json_with_the_request_id(tmp_path):
    text = '[auth]\njwt_secret = "%s"\n[database]\npath = "%s"\n' % (SECRET, tmp_path / 'api.db')
    (tmp_path / 'config.toml').write_text(text)
    settings = config.load([str(tmp_path / 'config.toml')], environ={})
    app = create_app(settings, db.open_engine(settings.database.path))

    def fails():
        raise RuntimeError('a bug')

    app.add_api_route('/fails', fails)

    async def call():
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url='http://in-process') as client:
            return await client.get('/fails', headers={'X-Request-ID': 'bug-1'})

    answer = asyncio.run(call())
    assert answer.status_code == 500 and answer.headers['x-request-id'] == 'bug-1'
    assert answer.json()['error'] == {'code': 'internal', 'request_id': 'bug-1',
                                      'message': 'internal error; see the service log for request bug-1'}
