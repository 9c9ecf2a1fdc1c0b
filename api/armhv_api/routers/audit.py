"""The audit log, admins only."""

from typing import List

from fastapi import APIRouter, Depends

from armhv_api.dependencies import PREFIX, current_service, needs
from armhv_api.models import AuditEntry
from armhv_api.store import audit_log

router = APIRouter(prefix=PREFIX, tags=['users'])


@router.get('/audit', response_model=List[AuditEntry])
def audit(limit: int = 100, _who=needs('admin'), service=Depends(current_service)):
    return audit_log.recent(service.engine, max(1, min(limit, 1000)))
