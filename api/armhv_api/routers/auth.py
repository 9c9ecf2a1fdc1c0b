"""Sign-in, sign-out, the caller's own password and second factor."""

from fastapi import APIRouter, Depends, Request, Response

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import InvalidRequest

from armhv_api import second_factor, security
from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.errors import Forbidden, Unauthorized
from armhv_api.models import Enrolment, Me, Otp, PasswordChange, RecoveryCodes, Token, TokenRequest

router = APIRouter(prefix=PREFIX, tags=['auth'])


@router.post('/auth/token', response_model=Token)
def token(body: TokenRequest, request: Request, service=Depends(current_service)):
    service.limit('login', request.client.host if request.client else '-')
    user = security.check_password(service.engine, body.username, body.password)
    if user is None:
        raise Unauthorized('wrong username or password')
    if user['mfa_secret'] and body.otp:
        # Codes are guessed per user too, so spreading the guesses over addresses does not help.
        service.limit('login', 'otp:' + user['id'])
    second_factor.check_sign_in(service.engine, user, body.otp)
    auth = service.settings.auth
    return Token(access_token=security.issue_token(auth, user), expires_in=auth.token_ttl)


@router.get('/auth/me', response_model=Me)
def me(who=needs('viewer', enrolling=True)):
    """Who the credential is: what a client (the web UI) shows and offers. Read with the credential
    itself: no second look at the user."""
    return Me(username=who.name, role=who.role, kind=who.kind, mfa=who.mfa, must_enrol=who.must_enrol)


@router.post('/auth/logout', status_code=204)
def logout(request: Request, who=needs('viewer', enrolling=True), service=Depends(current_service)):
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


@router.post('/auth/mfa/enrol', response_model=Enrolment)
def enrol(who=needs('viewer', enrolling=True), service=Depends(current_service)):
    """A new TOTP secret for you, pending until POST /api/v1/auth/mfa/confirm gets a code from it."""
    return second_factor.enrol(service.engine, who, service.settings.auth.issuer)


@router.post('/auth/mfa/confirm', response_model=RecoveryCodes)
def confirm(body: Otp, who=needs('viewer', enrolling=True), service=Depends(current_service)):
    """Your second factor is on once a code from the new secret matches; ten recovery codes, shown once."""
    service.limit('login', who.actor)
    return RecoveryCodes(recovery_codes=second_factor.confirm(service.engine, who, body.otp))


@router.delete('/auth/mfa', status_code=204)
def turn_off(body: Otp, who=needs('viewer'), service=Depends(current_service)):
    """Your second factor goes, given a current code or a recovery code."""
    service.limit('login', who.actor)
    second_factor.turn_off(service.engine, who, body.otp)
    return Response(status_code=204)
