"""The /api/v1 routes. Viewer: GET; operator: + container changes; admin: + bridges, pools, keys, users."""

from typing import List

from fastapi import APIRouter, Depends, Request, Response

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict, InvalidRequest

from armhv_api import keys, security
from armhv_api.errors import Forbidden, NoSuchResource, Unauthorized
from armhv_api.models import (
    ApiKey, ApiKeyRequest, AuditEntry, Bridge, BridgeRequest, Container, ContainerRequest, Error, Members,
    NewApiKey, PasswordChange, Pool, PoolRequest, Token, TokenRequest, User, UserRequest, UserUpdate)
from armhv_api.store import audit_log, users

ERRORS = dict((status, {'model': Error}) for status in (401, 403, 404, 409, 413, 422, 429, 503, 504))


def needs(service, role):
    """A dependency: the caller's principal, refused (401/403/429) unless it holds `role`."""
    def dependency(request: Request):
        return service.principal(request, role)
    return Depends(dependency)


def build_router(service):
    router = APIRouter(prefix='/api/v1', responses=ERRORS)
    add_auth_routes(router, service)
    add_container_routes(router, service)
    add_network_routes(router, service)
    add_admin_routes(router, service)
    return router


def add_auth_routes(router, service):
    @router.post('/auth/token', response_model=Token, tags=['auth'])
    def token(body: TokenRequest, request: Request):
        service.limit('login', request.client.host if request.client else '-')
        user = security.check_password(service.engine, body.username, body.password)
        if user is None:
            raise Unauthorized('wrong username or password')
        auth = service.settings.auth
        return Token(access_token=security.issue_token(auth, user), expires_in=auth.token_ttl)

    @router.post('/auth/logout', status_code=204, tags=['auth'])
    def logout(request: Request, who=needs(service, 'viewer')):
        """Sign-out: the token this request presents is refused from now on (until it would have
        expired); the user's other tokens go on. An API key ends by being revoked."""
        if who.kind != 'user':
            raise InvalidRequest('an API key does not sign out; revoke it instead (DELETE /api/v1/api-keys/{id})')
        security.end_token(service.settings.auth, service.engine, security.bearer(request.headers.get('authorization')))
        return Response(status_code=204)

    @router.post('/auth/password', status_code=204, tags=['auth'])
    def change_password(body: PasswordChange, who=needs(service, 'viewer')):
        """Your own password; the old one is required. Every token of yours ends, this one included."""
        if who.kind != 'user':
            raise Forbidden('an API key has no password; rotate the key instead')
        service.limit('login', who.actor)
        if security.check_password(service.engine, who.name, body.old_password) is None:
            raise Forbidden('the old password is wrong')
        security.update_user(service.engine, who.name, password=body.new_password)
        return Response(status_code=204)

    @router.get('/api-keys', response_model=List[ApiKey], tags=['auth'])
    def list_keys(_who=needs(service, 'admin')):
        return keys.listing(service.engine)

    @router.post('/api-keys', response_model=NewApiKey, status_code=201, tags=['auth'])
    def create_key(body: ApiKeyRequest, who=needs(service, 'admin')):
        return keys.create(service.engine, body.name, body.role, body.expires_in, who.actor)

    @router.post('/api-keys/{key_id}/rotate', response_model=NewApiKey, status_code=201, tags=['auth'])
    def rotate_key(key_id: str, who=needs(service, 'admin')):
        return keys.rotate(service.engine, key_id, service.settings.auth.key_grace_seconds, who.actor)

    @router.delete('/api-keys/{key_id}', status_code=204, tags=['auth'])
    def revoke_key(key_id: str, _who=needs(service, 'admin')):
        keys.revoke(service.engine, key_id)
        return Response(status_code=204)


def add_container_routes(router, service):
    ops = service.platform

    @router.get('/containers', response_model=List[Container], tags=['containers'])
    def list_containers(_who=needs(service, 'viewer')):
        return ops.containers()

    @router.post('/containers', response_model=Container, status_code=201, tags=['containers'])
    def create_container(body: ContainerRequest, request: Request, who=needs(service, 'operator')):
        """Judged as LXD would make it: the body's config over every profile it names (default when
        `profiles` is left out; [] names none). Risky settings (privilege, nesting, raw.*, kernel
        modules, idmaps but security.idmap.isolated, syscall interception; proxy, unix-char, unix-block,
        unix-hotplug, usb, gpu, pci and infiniband devices, disks outside a pool, nics not on a managed
        bridge or OVN network) are refused with 403 naming the profile and setting: for operators always,
        for admins unless the [policy] admin_allowed setting lists them. The audit log names what was
        refused or allowed."""
        result, allowed = policy_audited(request, ops.create_container, body.model_dump(), who.role)
        if allowed:
            request.state.audit_detail = 'policy allowed: ' + ', '.join(allowed)
        return result['instance']

    @router.get('/containers/{name}', response_model=Container, tags=['containers'])
    def get_container(name: str, _who=needs(service, 'viewer')):
        return ops.container(name)

    @router.delete('/containers/{name}', status_code=204, tags=['containers'])
    def delete_container(name: str, _who=needs(service, 'operator')):
        ops.change_container(name, 'absent')
        return Response(status_code=204)

    for action, state in (('start', 'started'), ('stop', 'stopped'), ('restart', 'restarted')):
        add_state_route(router, service, action, state)


def add_state_route(router, service, action, state):
    def change(name: str, request: Request, who=needs(service, 'operator')):
        found = policy_audited(request, service.platform.change_container, name, state, who.role)['instance']
        if not found:
            raise NoSuchResource('container %s deleted itself when it stopped (ephemeral)' % name, 'instance', name)
        return found

    router.add_api_route('/containers/{name}/%s' % action, change, methods=['POST'], response_model=Container,
                         tags=['containers'], name='%s_container' % action)


def policy_audited(request, operation, *args):
    """operation(*args), with what the instance policy refused in the audit log."""
    try:
        return operation(*args)
    except Forbidden as exc:
        if exc.refused:
            request.state.audit_detail = 'policy refused: ' + ', '.join(exc.refused)
        raise


def add_network_routes(router, service):
    ops = service.platform

    @router.get('/bridges', response_model=List[Bridge], tags=['bridges'])
    def list_bridges(_who=needs(service, 'viewer')):
        return ops.bridges()

    @router.post('/bridges', response_model=Bridge, status_code=201, tags=['bridges'])
    def create_bridge(body: BridgeRequest, request: Request, force: bool = False, _who=needs(service, 'admin')):
        """A port that carries the default route, or holds the address this request came in on, is refused
        (409) unless force: attached to a bridge it would take the host's connection with it."""
        local = request.scope.get('server') or (None, None)
        return ops.create_bridge(body.model_dump(), force, local[0])['bridge']

    @router.get('/bridges/{name}', response_model=Bridge, tags=['bridges'])
    def get_bridge(name: str, _who=needs(service, 'viewer')):
        return ops.bridge(name)

    @router.delete('/bridges/{name}', status_code=204, tags=['bridges'])
    def delete_bridge(name: str, force: bool = False, _who=needs(service, 'admin')):
        """A bridge with ports attached is refused (409, naming them) unless force."""
        ops.delete_bridge(name, force)
        return Response(status_code=204)

    @router.get('/storage-pools', response_model=List[Pool], tags=['storage'])
    def list_pools(_who=needs(service, 'viewer')):
        return ops.pools()

    @router.post('/storage-pools', response_model=Pool, status_code=201, tags=['storage'])
    def create_pool(body: PoolRequest, _who=needs(service, 'admin')):
        return ops.create_pool(body.model_dump())['pool']

    @router.get('/storage-pools/{name}', response_model=Pool, tags=['storage'])
    def get_pool(name: str, _who=needs(service, 'viewer')):
        return ops.pool(name)

    @router.delete('/storage-pools/{name}', status_code=204, tags=['storage'])
    def delete_pool(name: str, _who=needs(service, 'admin')):
        ops.delete_pool(name)
        return Response(status_code=204)

    @router.get('/cluster/members', response_model=Members, tags=['cluster'])
    def members(_who=needs(service, 'viewer')):
        return ops.members()


def add_admin_routes(router, service):
    @router.get('/users', response_model=List[User], tags=['users'])
    def list_users(_who=needs(service, 'admin')):
        return users.listing(service.engine)

    @router.post('/users', response_model=User, status_code=201, tags=['users'])
    def create_user(body: UserRequest, _who=needs(service, 'admin')):
        security.create_user(service.engine, body.username, body.password, body.role)
        return users.public(service.engine, body.username)

    @router.put('/users/{username}', response_model=User, tags=['users'])
    def update_user(username: str, body: UserUpdate, _who=needs(service, 'admin')):
        """A new role and/or a password reset; either ends the user's tokens."""
        security.update_user(service.engine, username, role=body.role, password=body.password)
        return users.public(service.engine, username)

    @router.delete('/users/{username}', status_code=204, tags=['users'])
    def delete_user(username: str, who=needs(service, 'admin')):
        if who.kind == 'user' and who.name == username:
            raise Conflict('you cannot delete your own user')
        if not users.delete(service.engine, username):
            raise NoSuchResource('user %s does not exist' % username, 'user', username)
        return Response(status_code=204)

    @router.get('/audit', response_model=List[AuditEntry], tags=['users'])
    def audit(limit: int = 100, _who=needs(service, 'admin')):
        return audit_log.recent(service.engine, max(1, min(limit, 1000)))
