"""Containers: viewers list them, operators make, change and delete them, within the instance policy."""

from typing import List

from fastapi import APIRouter, Depends, Request, Response

from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.errors import Forbidden, NoSuchResource
from armhv_api.models import Container, ContainerRequest

router = APIRouter(prefix=PREFIX, tags=['containers'])


@router.get('/containers', response_model=List[Container])
def list_containers(_who=needs('viewer'), service=Depends(current_service)):
    return service.containers.list()


@router.post('/containers', response_model=Container, status_code=201)
def create_container(body: ContainerRequest, request: Request, who=needs('operator'),
                     service=Depends(current_service)):
    """Judged as LXD would make it: the body's config over every profile it names (default when
    `profiles` is left out; [] names none). Risky settings (privilege, nesting, raw.*, kernel
    modules, idmaps but security.idmap.isolated, syscall interception; proxy, unix-char, unix-block,
    unix-hotplug, usb, gpu, pci and infiniband devices, disks outside a pool, nics not on a managed
    bridge or OVN network) are refused with 403 naming the profile and setting: for operators always,
    for admins unless the [policy] admin_allowed setting lists them. The audit log names what was
    refused or allowed."""
    result, allowed = policy_audited(request, service.containers.create, body.model_dump(), who.role)
    if allowed:
        request.state.audit_detail = 'policy allowed: ' + ', '.join(allowed)
    return result['instance']


@router.get('/containers/{name}', response_model=Container)
def get_container(name: str, _who=needs('viewer'), service=Depends(current_service)):
    return service.containers.get(name)


@router.delete('/containers/{name}', status_code=204)
def delete_container(name: str, _who=needs('operator'), service=Depends(current_service)):
    service.containers.change(name, 'absent')
    return Response(status_code=204)


def state_route(action, state):
    def change(name: str, request: Request, who=needs('operator'), service=Depends(current_service)):
        found = policy_audited(request, service.containers.change, name, state, who.role)['instance']
        if not found:
            raise NoSuchResource('container %s deleted itself when it stopped (ephemeral)' % name, 'instance', name)
        return found

    router.add_api_route('/containers/{name}/%s' % action, change, methods=['POST'], response_model=Container,
                         name='%s_container' % action)


def policy_audited(request, operation, *args):
    """operation(*args), with what the instance policy refused in the audit log."""
    try:
        return operation(*args)
    except Forbidden as exc:
        if exc.refused:
            request.state.audit_detail = 'policy refused: ' + ', '.join(exc.refused)
        raise


for _action, _state in (('start', 'started'), ('stop', 'stopped'), ('restart', 'restarted')):
    state_route(_action, _state)
