"""Cluster members, read only."""

from fastapi import APIRouter, Depends

from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.models import Members

router = APIRouter(prefix=PREFIX, tags=['cluster'])


@router.get('/cluster/members', response_model=Members)
def members(_who=needs('viewer'), service=Depends(current_service)):
    return service.members.list()
