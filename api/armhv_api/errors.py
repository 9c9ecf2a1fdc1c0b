"""The API's own errors beside the core's family (plugins/module_utils/_errors.py), and the one map from
every kind to its HTTP status: install_handlers (app.py) answers each with it."""

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import (
    ArmhvError, Busy, Conflict, LxdConnectionError, NotFound)


class Unauthorized(ArmhvError):
    """No valid credentials: a wrong password, a bad or ended token, an unknown or revoked key."""


class OtpRequired(Unauthorized):
    """The password is right and the user has a second factor: the request needs its code too."""
    code = 'otp_required'


class Forbidden(ArmhvError):
    """The caller is known and may not do this. refused: what the instance policy refused (for the audit
    log), empty for a missing role."""

    def __init__(self, msg, refused=()):
        super(Forbidden, self).__init__(msg)
        self.refused = list(refused)


class RateLimited(ArmhvError):
    """Too many requests; retry_after: seconds until the window lets one through."""

    def __init__(self, msg, retry_after):
        super(RateLimited, self).__init__(msg)
        self.retry_after = retry_after


class NoSuchResource(NotFound):
    """The resource the request's URL names does not exist (404). Anything else a request needs and
    does not find (an image, a profile) makes the request invalid (422)."""


class Unavailable(ArmhvError):
    """LXD failed on its own side (as opposed to refusing the request): the same request may pass later."""


# First match wins: subclasses before their bases. Busy is another operation holding the object (409,
# like any conflict with its current state); the rest (invalid, not found, refused by the daemon) is a
# request that cannot be carried out as sent (422).
STATUSES = (
    (Unauthorized, 401), (Forbidden, 403), (RateLimited, 429), (NoSuchResource, 404), (Conflict, 409), (Busy, 409),
    (Unavailable, 503), (LxdConnectionError, 503), (ArmhvError, 422),
)


def http_status(exc):
    return next(status for kind, status in STATUSES if isinstance(exc, kind))


def http_headers(exc):
    return {'Retry-After': str(exc.retry_after)} if isinstance(exc, RateLimited) else None
