"""One rate limit for every reader POST (django-ratelimit, counted in the shared cache)."""

import re
from functools import wraps

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .clients import client_ip_hash
from .errors import too_many_requests

# django-ratelimit's syntax: "5/m", "20/h", "100/10s".
RATE = re.compile(r"\d+/(\d*)([smhd]?)")
SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def by_address(group, request):
    return client_ip_hash(request)


def rate_period(rate):
    """The length of a rate's window in seconds: the longest a limited reader must wait."""
    match = RATE.fullmatch(rate)
    if match is None:
        raise ValueError(f"Not a rate: {rate!r}")
    multiplier, unit = match.groups()
    return int(multiplier or 1) * SECONDS[unit or "s"]


def rate_limit(*, group, rate, key=by_address, message=None, refuse=None):
    """Limit a view's POSTs to `rate` per key (the client's address unless told otherwise).

    `rate` names a setting, read on every request so deployments and tests can change it. Past the
    limit the answer is 429 with Retry-After: `message` (or a general one) as JSON for scripts and as a
    page for browsers, or what `refuse(request, *args, **kwargs)` builds, for a form that
    hands the reader's text back. Other methods pass without being counted.
    """

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            current = getattr(settings, rate)
            if is_ratelimited(request, group=group, key=key, rate=current, method="POST", increment=True):
                if refuse is not None:
                    response = refuse(request, *args, **kwargs)
                else:
                    response = too_many_requests(request, None, message=message)
                response.status_code = 429
                response["Retry-After"] = str(rate_period(current))
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorator
