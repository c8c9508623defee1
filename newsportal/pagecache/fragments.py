"""Rendered pieces of pages kept in the cache, so that a page the page cache does not hold (turned off,
out of date, a reader with a session) still renders quickly (docs/page-cache.md, "Fragments").

A fragment's key carries the versions of the scopes its content depends on: any write that changes it
bumps one of them, and the next render misses and renders afresh. Nothing per reader goes in one.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from . import store

logger = logging.getLogger(__name__)


def versions(request, scopes):
    """{scope: version} for these scopes, or None (fragments off, or the cache unreachable).

    The versions the page cache already read for this request are reused: no extra round trip."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    fill = getattr(request, "_page_cache_fill", None) if request is not None else None
    known = dict(fill.versions) if fill is not None and fill.versions else {}
    missing = [scope for scope in scopes if scope not in known]
    if missing:
        found = store.read_versions(missing)
        if found is None:
            return None
        known.update(found[0])
    return {scope: known[scope] for scope in scopes}


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
    return ":".join([store.PREFIX, "fragment", name, release(), stamp, *map(str, parts)])


def get_many(keys):
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("Fragment cache unreachable: lookup skipped", exc_info=True)
        return {}


def set_many(entries):
    if not entries:
        return
    try:
        cache.set_many(entries, timeout=settings.FRAGMENT_CACHE_SECONDS)
    except Exception:
        logger.warning("Fragment cache unreachable: fragments not stored", exc_info=True)


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


def render_one(key, render):
    """One block's HTML, from the cache or rendered and stored; key None renders it uncached."""
    return render_many([None], lambda _item: key, lambda _item: render())[0]
