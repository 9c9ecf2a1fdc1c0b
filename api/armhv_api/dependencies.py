"""What the routes declare they need, once: the service (settings, database, LXD access, limits) and a
caller holding a role."""

from fastapi import Depends, Request

# On every route's own router, not on a router around them: the route a request matched names the
# latency and error metrics and the access log, whole.
PREFIX = '/api/v1'


def current_service(request: Request):
    return request.app.state.service


def needs(role, enrolling=False):
    """A dependency: the caller's principal, refused (401/403/429) unless it holds `role`. A user whose
    role requires a second factor and who has none reaches only the routes marked `enrolling`."""
    def principal(request: Request):
        return request.app.state.service.principal(request, role, enrolling)
    return Depends(principal)
