"""Cluster members, read only."""

from fastapi import APIRouter, Depends

from armhv_api.dependencies import current_service, needs
from armhv_api.models import Members

router = APIRouter(tags=['cluster'])


@router.get('/cluster/members', response_model=Members)
def members(_who=needs('viewer'), service=Depends(current_service)):
    return service.members.list()
