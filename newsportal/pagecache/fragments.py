"""Rendered pieces of pages kept in the cache, so that a page the page cache does not hold (turned off,
out of date, a reader with a session) still renders quickly (docs/page-cache.md, "Fragments").

A fragment's key carries the versions of the scopes its content depends on: any write that changes it
bumps one of them, and the next render misses and renders afresh. Nothing per reader goes in one.
"""

import functools
import hashlib
import logging
import pickle
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import SITE, store, went_live

logger = logging.getLogger(__name__)


def versions(request, scopes, *, schedule=False):
    """{scope: version} for these scopes, or None (fragments off, a request with a session, the cache
    unreachable, or a scheduled story gone live a moment ago).

    The versions the page cache already read for this request are reused: no extra round trip.
    `schedule`: the fragment shows which stories are live (a list), so it also depends on the clock:
    scheduled stories appear when their time comes, without any save. As the page cache does, the
    site version is then trusted only while the next scheduled publication known for it has not passed.
    """
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    if request is None:
        return _versions(None, scopes, schedule)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Staff (and signed-in readers) see what the database says, as with the page cache: an editor
        # checking a change made without a save (a bulk update, a script) must not get kept blocks.
        return None
    # Read once per request: every block of the page is then keyed by the same versions.
    read = request.__dict__.setdefault("_fragment_versions", {})
    asked = (tuple(scopes), schedule)
    if asked not in read:
        read[asked] = _versions(request, scopes, schedule)
    return read[asked]


def _versions(request, scopes, schedule):
    fill = getattr(request, "_page_cache_fill", None) if request is not None else None
    known = dict(fill.versions) if fill is not None and fill.versions else {}
    next_due = fill.next_due if fill is not None else None
    missing = [scope for scope in scopes if scope not in known]
    schedule = schedule and SITE in scopes
    wants_schedule = schedule and next_due is None
    if missing or wants_schedule:
        found = store.read_versions(missing, *([store.NEXT_DUE_KEY] if wants_schedule else []))
        if found is None:
            return None
        known.update(found[0])
        next_due = found[1].get(store.NEXT_DUE_KEY, next_due)
    if schedule and not _schedule_holds(known[SITE], next_due):
        return None
    return {scope: known[scope] for scope in scopes}


def _schedule_holds(site_version, next_due):
    """Whether no scheduled story went live since `site_version` was set (worked out once per version)."""
    from .hooks import next_publication

    if next_due is None or next_due[0] != site_version:
        try:
            moment = next_publication()
        except DatabaseError:
            return False  # an error page while the database is down: rendered, nothing kept
        # Worked out against the version read before: a schedule changed since has bumped it.
        store.put(store.NEXT_DUE_KEY, (site_version, moment), store.NEXT_DUE_TTL)
        return True
    # Passed: the site version is being bumped (here or on another instance); this render keeps
    # nothing rather than store pieces under a version that is about to be replaced.
    return not went_live(next_due)


@functools.cache
def release():
    """A hash of the templates and compiled translations this process renders with: a deploy that
    changes either starts new keys, instead of serving fragments rendered by the old ones."""
    digest = hashlib.sha256()
    roots = [settings.BASE_DIR / "templates", *(settings.BASE_DIR / "locale").glob("*/LC_MESSAGES")]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".mo"):
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def fragment_key(name, versions, *parts):
    stamp = ":".join(f"{scope}={version}" for scope, version in sorted(versions.items()))
    # Lists write today's times as "17:55" and older ones with their date: a block kept yesterday
    # would misdate its stories, so every key names the site's day.
    day = _site_day(int(time.time()))
    return ":".join([store.PREFIX, "fragment", name, release(), day, stamp, *map(str, parts)])


@functools.lru_cache(maxsize=1)
def _site_day(second):
    """The site's date during this second: a page asks for it once per block."""
    return timezone.localdate(datetime.fromtimestamp(second, UTC)).isoformat()


def get_many(keys):
    found = store.recent.get_many(keys)
    wanted = [key for key in keys if key not in found]
    if not wanted:
        return found
    try:
        shared = cache.get_many(wanted)
    except Exception:
        logger.warning("Fragment cache unreachable: lookup skipped", exc_info=True)
        return found
    store.recent.keep(shared)
    return {**found, **shared}


def set_many(entries):
    if not entries:
        return
    try:
        cache.set_many(entries, timeout=settings.FRAGMENT_CACHE_SECONDS)
    except Exception:
        logger.warning("Fragment cache unreachable: fragments not stored", exc_info=True)
        return
    store.recent.keep(entries)


def render_many(items, key_of, render):
    """The HTML of each item, in order: fetched in one get_many, the missing ones rendered and stored in
    one set_many. key_of(item) is its key, or None to render it uncached."""
    keys = [key_of(item) for item in items]
    found = get_many([key for key in keys if key is not None])
    fresh = {}
    parts = []
    for item, key in zip(items, keys, strict=True):
        html = found.get(key) if key is not None else None
        if html is None:
            html = str(render(item))
            if key is not None:
                fresh[key] = html
        parts.append(html)
    set_many(fresh)
    # Rendered by our own autoescaping templates, then kept as they were.
    return [mark_safe(part) for part in parts]  # noqa: S308  # nosec B308 B703  # nosemgrep: mark-safe


def kept_value(key, load):
    """A value a page is built from (a story with what its page reads alongside), kept like a fragment:
    loaded by `load()` on a miss, or always when key is None. Each caller gets its own copy, free to
    change (a template adding what it prefetches)."""
    if key is None:
        return load()
    found = get_many([key]).get(key)
    if isinstance(found, bytes):  # anything else was stored by other code under the same key: a miss
        return pickle.loads(found)  # noqa: S301 (written by set_many below, in our own cache)  # nosec B301
    value = load()
    set_many({key: pickle.dumps(value)})
    return value


def render_one(key, render):
    """One block's HTML, from the cache or rendered and stored; key None renders it uncached."""
    return render_many([None], lambda _item: key, lambda _item: render())[0]
