"""The FastAPI application: middleware (request id, limits, metrics, audit, logs), auth and routes."""

import asyncio
import hmac
import logging
import math
import time

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError

from armhv_api import __version__, db, security
from armhv_api.errors import Forbidden, RateLimited, http_headers, http_status
from armhv_api.models import Health, Ready
from armhv_api.observe import LOG, REQUEST_ID, Metrics, request_id
from armhv_api.platform import Platform
from armhv_api.routers import include_routers, ui
from armhv_api.services.bridges import Bridges
from armhv_api.services.containers import Containers
from armhv_api.services.members import Members
from armhv_api.services.pools import Pools
from armhv_api.store import audit_log

CODES = {400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
         409: 'conflict', 411: 'length_required', 413: 'payload_too_large', 422: 'invalid', 429: 'rate_limited',
         500: 'internal', 503: 'unavailable', 504: 'timeout'}
UNLIMITED = ('/health', '/ready', '/metrics')
CHANGES = ('POST', 'PUT', 'PATCH', 'DELETE')
ACCESS = logging.getLogger('armhv_api.access')


def error_response(status, message, headers=None, code=None):
    body = {'error': {'code': code or CODES.get(status, 'error'), 'message': message,
                      'request_id': REQUEST_ID.get()}}
    headers = dict(headers or {})
    if status == 401:
        headers['WWW-Authenticate'] = 'Bearer'
    return JSONResponse(body, status_code=status, headers=headers)


class Limiter:
    """Moving-window limits per source address, per credential and for logins."""

    def __init__(self, settings):
        self.enabled = settings.enabled
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.limits = dict(address=parse(settings.per_address), key=parse(settings.per_key),
                           login=parse(settings.login))

    def retry_after(self, scope, who):
        """None when the request may go on, else the seconds to wait."""
        if not self.enabled or self.limiter.hit(self.limits[scope], scope, who):
            return None
        reset = self.limiter.get_window_stats(self.limits[scope], scope, who)[0]
        return max(1, math.ceil(reset - time.time()))


class Service:
    """What the routes share: settings, database, LXD access, limits, metrics."""

    def __init__(self, settings, engine):
        self.settings = settings
        self.engine = engine
        self.platform = Platform(settings)
        self.containers = Containers(self.platform, settings)
        self.pools = Pools(self.platform)
        self.members = Members(self.platform)
        self.bridges = Bridges(settings)
        self.limiter = Limiter(settings.rate_limit)
        self.metrics = Metrics(self.containers)

    def limit(self, scope, who):
        wait = self.limiter.retry_after(scope, who)
        if wait is not None:
            self.metrics.rate_limited.labels(scope).inc()
            raise RateLimited('rate limit exceeded (%s); retry in %d s' % (scope, wait), wait)

    def principal(self, request, role, enrolling=False):
        found = security.authenticate(self.settings, self.engine, request.headers.get('authorization'))
        request.state.principal = found
        self.limit('key', found.actor)
        if found.must_enrol and not enrolling:
            raise Forbidden('role %s needs a second factor and user %s has none: enrol first (POST '
                            '/api/v1/auth/mfa/enrol, then /api/v1/auth/mfa/confirm with a code)' % (found.role, found.name))
        if not found.allows(role):
            raise Forbidden('%s %s has role %s; this needs %s' % (found.kind, found.name, found.role, role))
        return found

    def audit_begin(self, request):
        """The change's audit row, written before the change; its id."""
        return audit_log.begin(self.engine, request.method, request.url.path, REQUEST_ID.get(), client_host(request))

    def audit_end(self, request, row, status):
        found = getattr(request.state, 'principal', None)
        try:
            audit_log.end(self.engine, row, found.actor if found else 'anonymous', status,
                          getattr(request.state, 'audit_detail', None))
        except OperationalError as exc:
            LOG.error('audit row %s (status %s) could not be completed: %s', row, status, exc.orig)

    def close_unfinished(self):
        """Rows a killed process left unfinished say so (their change may or may not have happened)."""
        if not db.schema_current(self.engine):
            return
        try:
            audit_log.close_unfinished(self.engine, 'unfinished: the service stopped, or its database failed, '
                                       'before answering; compare with LXD')
        except OperationalError as exc:
            # A read-only or locked database: serve reads; each change is refused until it can be audited.
            LOG.error('the audit log cannot be written (%s): changes are refused until it can be', exc.orig)


def client_host(request):
    return request.client.host if request.client else '-'


def create_app(settings, engine):
    service = Service(settings, engine)
    service.close_unfinished()
    app = FastAPI(title='armhv.hypervisor management API', version=__version__, docs_url=None, redoc_url=None)
    app.state.service = service
    install_handlers(app)
    include_routers(app)
    if settings.ui.enabled:
        app.include_router(ui.router)
    add_operational_routes(app, service)
    if settings.cors.origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors.origins, allow_credentials=False,
                           allow_methods=['GET', 'POST', 'PUT', 'DELETE'],
                           allow_headers=['Authorization', 'Content-Type', 'X-Request-ID'],
                           expose_headers=['X-Request-ID', 'Retry-After'])
    # Added last, so outermost: CORS refusals and unexpected errors pass through it and get a request id.
    app.middleware('http')(middleware(service))
    return app


def install_handlers(app):
    @app.exception_handler(ArmhvError)
    async def armhv_error(_request, exc):
        return error_response(http_status(exc), exc.msg, http_headers(exc), getattr(exc, 'code', None))

    @app.exception_handler(HTTPException)
    async def http_error(_request, exc):
        return error_response(exc.status_code, str(exc.detail), getattr(exc, 'headers', None))

    @app.exception_handler(OperationalError)
    async def database_error(_request, exc):
        return error_response(503, 'the database is unavailable (%s)' % exc.orig)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request, exc):
        problems = ['%s: %s' % ('.'.join(str(p) for p in err['loc']), err['msg']) for err in exc.errors()]
        return error_response(422, 'invalid request: ' + '; '.join(problems))


def middleware(service):
    settings = service.settings.server

    async def handle(request, call_next):
        token = REQUEST_ID.set(request_id(request.headers.get('x-request-id')))
        started = time.perf_counter()
        service.metrics.in_flight.inc()
        row = None
        try:
            row, refused = await audit_first(service, request)
            response = refused or await guarded(service, request, call_next, settings)
        except Exception:  # whatever went wrong, the caller gets JSON with the request id, never a bare 500
            LOG.exception('unexpected error')
            response = error_response(500, 'internal error; see the service log for request %s' % REQUEST_ID.get())
        finally:
            service.metrics.in_flight.dec()
        route = getattr(request.scope.get('route'), 'path', 'unmatched')
        elapsed = time.perf_counter() - started
        service.metrics.observe(request.method, route, response.status_code, elapsed)
        if row is not None:
            await run_in_threadpool(service.audit_end, request, row, response.status_code)
        found = getattr(request.state, 'principal', None)
        ACCESS.info('%s %s %s', request.method, route, response.status_code,
                    extra=dict(status=response.status_code, path=request.url.path, source=client_host(request),
                               actor=found.actor if found else None, ms=round(elapsed * 1000, 2)))
        response.headers['X-Request-ID'] = REQUEST_ID.get()
        REQUEST_ID.reset(token)
        return response

    return handle


async def audit_first(service, request):
    """(audit row, None) for a change, written before it; (None, a 503) when the row cannot be written, so
    no change goes unaudited; (None, None) for what is not audited."""
    if request.method not in CHANGES or not request.url.path.startswith('/api/v1/') \
            or request.url.path == '/api/v1/auth/token':
        return None, None
    try:
        return await run_in_threadpool(service.audit_begin, request), None
    except OperationalError as exc:
        LOG.error('audit log not writable, change refused: %s', exc.orig)
        return None, error_response(503, 'the audit log cannot be written (%s); nothing was changed' % exc.orig)


async def guarded(service, request, call_next, settings):
    """Limits first (address, body size), then the route within the client timeout."""
    if request.url.path not in UNLIMITED:
        try:
            service.limit('address', client_host(request))
        except RateLimited as exc:
            return error_response(429, exc.msg, http_headers(exc))
    if request.method in CHANGES:
        length = request.headers.get('content-length')
        if length is None and request.headers.get('transfer-encoding'):
            return error_response(411, 'send a Content-Length (chunked bodies are not accepted)')
        if length is not None and (not length.isdigit() or int(length) > settings.max_body_bytes):
            return error_response(413, 'request body over %d bytes' % settings.max_body_bytes)
    try:
        return await asyncio.wait_for(call_next(request), settings.client_timeout)
    except asyncio.TimeoutError:
        return error_response(504, 'no answer within %s s (server.client_timeout)' % settings.client_timeout)


def add_operational_routes(app, service):
    @app.get('/health', tags=['operations'], response_model=Health)
    def health():
        return {'status': 'ok', 'version': __version__}

    @app.get('/ready', tags=['operations'], response_model=Ready, responses={503: {'model': Ready}})
    def ready():
        checks = {}
        try:
            checks['schema'] = 'current' if db.schema_current(service.engine) else 'needs migration'
        except Exception as exc:  # an unreadable database is a readiness answer, not an error
            checks['schema'] = 'unreadable: %s' % exc.__class__.__name__
        try:
            service.platform.ready()
            checks['lxd'] = 'reachable'
        except ArmhvError as exc:
            checks['lxd'] = exc.msg
        good = checks['schema'] == 'current' and checks['lxd'] == 'reachable'
        return JSONResponse({'status': 'ready' if good else 'not ready', 'checks': checks},
                            status_code=200 if good else 503)

    @app.get('/metrics', tags=['operations'], response_class=Response)
    def metrics(request: Request):
        token = service.settings.metrics.token
        if token and not hmac.compare_digest(request.headers.get('authorization', ''), 'Bearer ' + token):
            return error_response(401, 'the metrics endpoint needs its bearer token')
        return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)
