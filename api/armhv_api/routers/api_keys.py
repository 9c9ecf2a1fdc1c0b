"""API keys: machine credentials, admin only."""

from typing import List

from fastapi import APIRouter, Depends, Response

from armhv_api import keys
from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.models import ApiKey, ApiKeyRequest, NewApiKey

router = APIRouter(prefix=PREFIX, tags=['auth'])


@router.get('/api-keys', response_model=List[ApiKey])
def list_keys(_who=needs('admin'), service=Depends(current_service)):
    return keys.listing(service.engine)


@router.post('/api-keys', response_model=NewApiKey, status_code=201)
def create_key(body: ApiKeyRequest, who=needs('admin'), service=Depends(current_service)):
    return keys.create(service.engine, body.name, body.role, body.expires_in, who.actor)


@router.post('/api-keys/{key_id}/rotate', response_model=NewApiKey, status_code=201)
def rotate_key(key_id: str, who=needs('admin'), service=Depends(current_service)):
    return keys.rotate(service.engine, key_id, service.settings.auth.key_grace_seconds, who.actor)


@router.delete('/api-keys/{key_id}', status_code=204)
def revoke_key(key_id: str, _who=needs('admin'), service=Depends(current_service)):
    keys.revoke(service.engine, key_id)
    return Response(status_code=204)
