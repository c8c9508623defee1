"""Cached pages and the version numbers they depend on, in the default cache (Redis in production).

Every operation here is best effort: with the cache unreachable a lookup is a miss, a store or a bump
is skipped (and logged), and the page is rendered as if there were no page cache.

Each process also remembers the versions it read for PAGE_CACHE_LOCAL_SECONDS and its most recently
used pages (PAGE_CACHE_LOCAL_ENTRIES), so most hits make no round trip to Redis at all. A write on
another instance is therefore seen here within PAGE_CACHE_LOCAL_SECONDS; writes in this process
update what it remembers at once.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

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


class _Local:
    """What this process remembers: {key: (value, when read)} and the recently used pages."""

    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}
        self.pages = OrderedDict()

    def remember(self, key, value):
        self.values[key] = (value, time.monotonic())

    def recall(self, keys):
        """The remembered values of keys still young enough, and the keys to ask the cache for."""
        horizon = time.monotonic() - settings.PAGE_CACHE_LOCAL_SECONDS
        known, unknown = {}, []
        for key in keys:
            value = self.values.get(key)
            if value is not None and value[1] >= horizon:
                known[key] = value[0]
            else:
                unknown.append(key)
        return known, unknown

    def page(self, key):
        with self.lock:
            entry = self.pages.get(key)
            if entry is not None:
                self.pages.move_to_end(key)
            return entry

    def keep_page(self, key, entry):
        limit = settings.PAGE_CACHE_LOCAL_ENTRIES
        if limit <= 0:
            return
        with self.lock:
            self.pages[key] = entry
            self.pages.move_to_end(key)
            while len(self.pages) > limit:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.values.clear()
            self.pages.clear()


local = _Local()


class _Recent:
    """The fragments this process served last (FRAGMENT_LOCAL_ENTRIES of them). A key names the
    versions its content was rendered at and content never changes under a key, so a copy here is as
    right as the shared one: the site's chrome and the busiest lists cost no round trip."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()

    def get_many(self, keys):
        found = {}
        with self.lock:
            for key in keys:
                html = self.entries.get(key)
                if html is not None:
                    self.entries.move_to_end(key)
                    found[key] = html
        return found

    def keep(self, entries):
        limit = settings.FRAGMENT_LOCAL_ENTRIES
        if limit <= 0:
            return
        with self.lock:
            for key, html in entries.items():
                self.entries[key] = html
                self.entries.move_to_end(key)
            while len(self.entries) > limit:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


recent = _Recent()


def forget_local():
    """Forget what this process remembers (tests, after clearing the cache)."""
    local.clear()
    recent.clear()


def current(keys):
    """{key: raw value or None} from what this process remembers, else in one round trip; None when
    the cache cannot be reached."""
    known, unknown = local.recall(keys)
    if unknown:
        found = get_raw(unknown)
        if found is None:
            return None
        for key in unknown:
            local.remember(key, found.get(key))
            known[key] = found.get(key)
    return known


def read_versions(scopes, *extra_keys):
    """{scope: version} for these scopes (missing ones created), plus the raw values of extra_keys; or
    None when the cache cannot be reached."""
    keys = [version_key(scope) for scope in scopes]
    found = current([*keys, *extra_keys])
    if found is None:
        return None
    try:
        for key in keys:
            if found[key] is None:
                cache.add(key, _fresh_version(), timeout=None)
                found[key] = cache.get(key)
                local.remember(key, found[key])
    except Exception:
        logger.warning("Page cache unreachable: versions not read", exc_info=True)
        return None
    versions = {scope: found[version_key(scope)] for scope in scopes}
    return versions, {key: found[key] for key in extra_keys}


def bump(scopes):
    """Give each scope a new version: every cached page that depends on one of them is out of date."""
    for scope in scopes:
        key = version_key(scope)
        try:
            try:
                local.remember(key, cache.incr(key))
            except ValueError:  # never set, or evicted
                version = _fresh_version()
                cache.set(key, version, timeout=None)
                local.remember(key, version)
        except Exception:
            local.values.pop(key, None)
            logger.warning("Page cache unreachable: %s not invalidated", scope, exc_info=True)


def local_entry(key):
    return local.page(key)


def get_entry(key):
    """The shared copy of a page (remembered in this process too)."""
    try:
        entry = cache.get(key)
    except Exception:
        logger.warning("Page cache unreachable: lookup skipped", exc_info=True)
        return None
    if entry is not None:
        local.keep_page(key, entry)
    return entry


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
        logger.warning("Page cache unreachable: %s not stored", key, exc_info=True)
        return
    local.remember(key, value)


def put_page(key, entry, timeout):
    try:
        cache.set(key, entry, timeout=timeout)
    except Exception:
        logger.warning("Page cache unreachable: page not stored", exc_info=True)
        return
    local.keep_page(key, entry)


def add(key, value, timeout):
    try:
        return cache.add(key, value, timeout=timeout)
    except Exception:
        return False


def delete(key):
    local.values.pop(key, None)
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Page cache unreachable: %s not deleted", key, exc_info=True)


def fresh_seconds():
    return settings.PAGE_CACHE_SECONDS


def stale_seconds():
    return max(settings.PAGE_CACHE_STALE_SECONDS, settings.PAGE_CACHE_SECONDS)
