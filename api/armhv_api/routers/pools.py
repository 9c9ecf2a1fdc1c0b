"""Storage pools: admins make and delete them (nfs and cifs pools belong to the storage role)."""

from typing import List

from fastapi import APIRouter, Depends, Response

from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.models import Pool, PoolRequest

router = APIRouter(prefix=PREFIX, tags=['storage'])


@router.get('/storage-pools', response_model=List[Pool])
def list_pools(_who=needs('viewer'), service=Depends(current_service)):
    return service.pools.list()


@router.post('/storage-pools', response_model=Pool, status_code=201)
def create_pool(body: PoolRequest, _who=needs('admin'), service=Depends(current_service)):
    return service.pools.create(body.model_dump())['pool']


@router.get('/storage-pools/{name}', response_model=Pool)
def get_pool(name: str, _who=needs('viewer'), service=Depends(current_service)):
    return service.pools.get(name)


@router.delete('/storage-pools/{name}', status_code=204)
def delete_pool(name: str, _who=needs('admin'), service=Depends(current_service)):
    service.pools.delete(name)
    return Response(status_code=204)
