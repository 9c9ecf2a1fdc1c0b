"""Users: admins list, make, change and delete them."""

from typing import List

from fastapi import APIRouter, Depends, Response

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import Conflict

from armhv_api import second_factor, security
from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.errors import NoSuchResource
from armhv_api.models import User, UserRequest, UserUpdate
from armhv_api.store import users

router = APIRouter(prefix=PREFIX, tags=['users'])


@router.get('/users', response_model=List[User])
def list_users(_who=needs('admin'), service=Depends(current_service)):
    return users.listing(service.engine)


@router.post('/users', response_model=User, status_code=201)
def create_user(body: UserRequest, _who=needs('admin'), service=Depends(current_service)):
    security.create_user(service.engine, body.username, body.password, body.role)
    return users.public(service.engine, body.username)


@router.put('/users/{username}', response_model=User)
def update_user(username: str, body: UserUpdate, _who=needs('admin'), service=Depends(current_service)):
    """A new role and/or a password reset; either ends the user's tokens."""
    security.update_user(service.engine, username, role=body.role, password=body.password)
    return users.public(service.engine, username)


@router.delete('/users/{username}', status_code=204)
def delete_user(username: str, who=needs('admin'), service=Depends(current_service)):
    if who.kind == 'user' and who.name == username:
        raise Conflict('you cannot delete your own user')
    if not users.delete(service.engine, username):
        raise NoSuchResource('user %s does not exist' % username, 'user', username)
    return Response(status_code=204)


@router.delete('/users/{username}/mfa', status_code=204)
def reset_second_factor(username: str, _who=needs('admin'), service=Depends(current_service)):
    """A user's second factor goes (a lost phone); the user enrols again."""
    second_factor.reset(service.engine, username)
    return Response(status_code=204)
