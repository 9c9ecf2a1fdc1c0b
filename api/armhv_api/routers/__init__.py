"""The /api/v1 routes, a router per resource. Viewer: GET; operator: + container changes; admin: +
bridges, pools, keys, users."""

from fastapi import APIRouter

from armhv_api.models import Error
from armhv_api.routers import api_keys, audit, auth, bridges, containers, members, pools, users

ERRORS = dict((status, {'model': Error}) for status in (401, 403, 404, 409, 413, 422, 429, 503, 504))


def build_router():
    router = APIRouter(prefix='/api/v1', responses=ERRORS)
    for module in (auth, api_keys, containers, bridges, pools, members, users, audit):
        router.include_router(module.router)
    return router
