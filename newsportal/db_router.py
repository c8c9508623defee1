"""Reads from a replica, writes to the primary (DATABASE_REPLICA_URL; see docs/deploy.md).

A request reads from the replica until it writes; from then on, and inside any transaction on the
primary, it reads from the primary, so it always sees what it has just written. The middleware carries
that on for REPLICA_PIN_SECONDS in the same reader's next requests (a short cookie), so the page a
reader is redirected to after posting shows the post even while the replica lags behind.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY, REPLICA = "default", "replica"

# Set once this request (or, outside requests, this thread) has written to the primary.
_wrote = ContextVar("newsportal_wrote_to_primary", default=False)
# Set when the reader wrote a moment ago in an earlier request.
_pinned = ContextVar("newsportal_pinned_to_primary", default=False)


def reads_from_primary():
    return _wrote.get() or _pinned.get() or connections[PRIMARY].in_atomic_block


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return PRIMARY if reads_from_primary() else REPLICA

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Start each request on the replica unless the reader wrote within the last few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = settings.REPLICA_PIN_COOKIE
        try:
            pinned = float(request.COOKIES.get(cookie, 0)) > time.time()
        except ValueError:
            pinned = False
        wrote_token, pinned_token = _wrote.set(False), _pinned.set(pinned)
        try:
            response = self.get_response(request)
            if _wrote.get():
                seconds = settings.REPLICA_PIN_SECONDS
                response.set_cookie(
                    cookie,
                    f"{time.time() + seconds:.0f}",
                    max_age=seconds,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            _wrote.reset(wrote_token)
            _pinned.reset(pinned_token)
