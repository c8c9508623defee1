"""Cached pages and the version numbers they depend on, in the default cache (Redis in production).

Every operation here is best effort: with the cache unreachable a lookup is a miss, a store or a bump
is skipped (and logged), and the page is rendered as if there were no page cache.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PREFIX = "pagecache"
# When the next scheduled story goes live, as (site version it was computed at, timestamp or None).
NEXT_DUE_KEY = f"{PREFIX}:next-due"
# Recomputed at least this often even if no write said so (seeding and shell scripts bypass the hooks).
NEXT_DUE_TTL = 3600


def version_key(scope):
    return f"{PREFIX}:v:{scope}"


def page_key(url):
    return f"{PREFIX}:page:{hashlib.sha256(url.encode()).hexdigest()}"


def _fresh_version():
    """A starting number no earlier incarnation of the key has handed out (keys may be evicted or lost
    with a restarted Redis; a counter restarting at 1 could match an entry stored before)."""
    return time.time_ns() // 1000


def read_versions(scopes, *extra_keys):
    """{scope: version} for these scopes (missing ones created), plus the raw values of extra_keys; or
    None when the cache cannot be reached."""
    keys = [version_key(scope) for scope in scopes]
    try:
        found = cache.get_many([*keys, *extra_keys])
        for key in keys:
            if key not in found:
                cache.add(key, _fresh_version(), timeout=None)
                found[key] = cache.get(key)
    except Exception:
        logger.warning("Page cache unreachable: versions not read", exc_info=True)
        return None
    versions = {scope: found[version_key(scope)] for scope in scopes}
    return versions, {key: found.get(key) for key in extra_keys}


def bump(scopes):
    """Give each scope a new version: every cached page that depends on one of them is out of date."""
    for scope in scopes:
        key = version_key(scope)
        try:
            try:
                cache.incr(key)
            except ValueError:  # never set, or evicted
                cache.set(key, _fresh_version(), timeout=None)
        except Exception:
            logger.warning("Page cache unreachable: %s not invalidated", scope, exc_info=True)


def get_entry(key):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Page cache unreachable: lookup skipped", exc_info=True)
        return None


def get_raw(keys):
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("Page cache unreachable: versions not read", exc_info=True)
        return None


def put(key, value, timeout):
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        logger.warning("Page cache unreachable: page not stored", exc_info=True)


def add(key, value, timeout):
    try:
        return cache.add(key, value, timeout=timeout)
    except Exception:
        return False


def delete(key):
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Page cache unreachable: %s not deleted", key, exc_info=True)


def fresh_seconds():
    return settings.PAGE_CACHE_SECONDS


def stale_seconds():
    return max(settings.PAGE_CACHE_STALE_SECONDS, settings.PAGE_CACHE_SECONDS)
