"""The web UI: one page and its assets on the API's own origin. Fetching them needs no credentials; the
page signs in through the API like any client and keeps the token in memory only."""

import os

from fastapi import APIRouter
from fastapi.responses import FileResponse

from armhv_api.errors import NoSuchResource

UI_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'ui')
# Every file the page may load, and its type: nothing else under /ui/ is served.
ASSETS = {'app.js': 'text/javascript', 'app.css': 'text/css', 'icon.svg': 'image/svg+xml'}
# No inline script or style anywhere, no eval, nothing from another origin, never in a frame.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY',
           'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache'}

router = APIRouter(tags=['ui'], include_in_schema=False)


@router.get('/ui/')
def page():
    return FileResponse(os.path.join(UI_DIR, 'index.html'), media_type='text/html', headers=HEADERS)


@router.get('/ui/{asset}')
def asset(asset: str):
    if asset not in ASSETS:
        raise NoSuchResource('/ui/%s: no such page or asset' % asset, 'asset', asset)
    return FileResponse(os.path.join(UI_DIR, asset), media_type=ASSETS[asset], headers=HEADERS)
