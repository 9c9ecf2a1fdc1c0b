"""Host bridges, in the service's own network namespace: admins make and delete them."""

from typing import List

from fastapi import APIRouter, Depends, Request, Response

from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.models import Bridge, BridgeRequest

router = APIRouter(prefix=PREFIX, tags=['bridges'])


@router.get('/bridges', response_model=List[Bridge])
def list_bridges(_who=needs('viewer'), service=Depends(current_service)):
    return service.bridges.list()


@router.post('/bridges', response_model=Bridge, status_code=201)
def create_bridge(body: BridgeRequest, request: Request, force: bool = False, _who=needs('admin'),
                  service=Depends(current_service)):
    """A port that carries the default route, or holds the address this request came in on, is refused
    (409) unless force: attached to a bridge it would take the host's connection with it."""
    local = request.scope.get('server') or (None, None)
    return service.bridges.create(body.model_dump(), force, local[0])['bridge']


@router.get('/bridges/{name}', response_model=Bridge)
def get_bridge(name: str, _who=needs('viewer'), service=Depends(current_service)):
    return service.bridges.get(name)


@router.delete('/bridges/{name}', status_code=204)
def delete_bridge(name: str, force: bool = False, _who=needs('admin'), service=Depends(current_service)):
    """A bridge with ports attached is refused (409, naming them) unless force."""
    service.bridges.delete(name, force)
    return Response(status_code=204)
