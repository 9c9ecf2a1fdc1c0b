"""Sign-in, sign-out and the caller's own password."""

from fastapi import APIRouter, Depends, Request, Response

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

from armhv_api import security
from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.errors import Forbidden, Unauthorized
from armhv_api.models import PasswordChange, Token, TokenRequest

router = APIRouter(prefix=PREFIX, tags=['auth'])


@router.post('/auth/token', response_model=Token)
def token(body: TokenRequest, request: Request, service=Depends(current_service)):
    service.limit('login', request.client.host if request.client else '-')
    user = security.check_password(service.engine, body.username, body.password)
    if user is None:
        raise Unauthorized('wrong username or password')
    auth = service.settings.auth
    return Token(access_token=security.issue_token(auth, user), expires_in=auth.token_ttl)


@router.post('/auth/logout', status_code=204)
def logout(request: Request, who=needs('viewer'), service=Depends(current_service)):
    """Sign-out: the token this request presents is refused from now on (until it would have
    expired); the user's other tokens go on. An API key ends by being revoked."""
    if who.kind != 'user':
        raise InvalidRequest('an API key does not sign out; revoke it instead (DELETE /api/v1/api-keys/{id})')
    security.end_token(service.settings.auth, service.engine, security.bearer(request.headers.get('authorization')))
    return Response(status_code=204)


@router.post('/auth/password', status_code=204)
def change_password(body: PasswordChange, who=needs('viewer'), service=Depends(current_service)):
    """Your own password; the old one is required. Every token of yours ends, this one included."""
    if who.kind != 'user':
        raise Forbidden('an API key has no password; rotate the key instead')
    service.limit('login', who.actor)
    if security.check_password(service.engine, who.name, body.old_password) is None:
        raise Forbidden('the old password is wrong')
    security.update_user(service.engine, who.name, password=body.new_password)
    return Response(status_code=204)
