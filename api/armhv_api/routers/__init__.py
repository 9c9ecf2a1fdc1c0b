"""The /api/v1 routes, a router per resource. Viewer: GET; operator: + container changes; admin: +
bridges, pools, keys, users."""

from armhv_api.models import Error
from armhv_api.routers import api_keys, audit, auth, bridges, containers, members, pools, users

ERRORS = dict((status, {'model': Error}) for status in (401, 403, 404, 409, 413, 422, 429, 503, 504))


def include_routers(app):
    for module in (auth, api_keys, containers, bridges, pools, members, users, audit):
        app.include_router(module.router, responses=ERRORS)
