"""Finding the API key of a request and counting its requests against the key's limit."""

import time

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .models import ApiKey, hash_key

WINDOW_SECONDS = 60


class RateLimited(Exception):
    pass


def api_key_for(token: str):
    """The active key with this raw value, or None."""
    if not token or len(token) > 200:
        return None
    key = ApiKey.objects.active().filter(key_hash=hash_key(token)).first()
    if key is not None:
        # At most one write a minute per key for "last used".
        cutoff = timezone.now() - timezone.timedelta(seconds=WINDOW_SECONDS)
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=cutoff)
        ApiKey.objects.filter(stale, pk=key.pk).update(last_used_at=timezone.now())
    return key


def rate_count(key) -> dict:
    """Count one request in the key's current one-minute window; the RateLimit-* header values.

    Raises RateLimited (with the headers) when the window is used up.
    """
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    cache_key = f"api:rate:{key.pk}:{window}"
    cache.add(cache_key, 0, WINDOW_SECONDS + 5)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, WINDOW_SECONDS + 5)
        used = 1
    limit = key.requests_per_minute
    headers = {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": str(max(limit - used, 0)),
        "RateLimit-Reset": str(max(int((window + 1) * WINDOW_SECONDS - now), 1)),
        "RateLimit-Policy": f"{limit};w={WINDOW_SECONDS}",
    }
    if used > limit:
        raise RateLimited(headers)
    return headers
