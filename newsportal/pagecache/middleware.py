"""Serve anonymous readers' pages from the shared cache before the rest of the stack runs."""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from . import SITE, store, went_live
from .pages import Fill

# A copy served because the page could not be rendered: keep proxies asking again soon.
STALE_CACHE_CONTROL = "public, max-age=10"
# Says how a page was answered (hit, stale or miss), for operators and tests.
STATUS_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    """Put right after SecurityMiddleware: a hit runs no other middleware and no database query.

    Readers with a session cookie or an Authorization header (staff, signed-in readers) neither get
    nor fill the shared cache; every reader gets validators and 304s on shared pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.edition_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        key = self.cache_key(request) if settings.PAGE_CACHE_SECONDS > 0 else None
        if key is None:
            return self.finish(request, self.get_response(request))
        entry = store.local_entry(key)
        if entry is None or not self.is_fresh(entry):
            entry = store.get_entry(key) or entry  # another process may have stored a newer copy
            if entry is not None and self.is_fresh(entry):
                return self.serve(request, entry)
        else:
            return self.serve(request, entry)
        fill = request._page_cache_fill = Fill()
        response = self.get_response(request)
        if entry is not None and request.method == "GET" and response.status_code >= 500:
            # The page cannot be rendered (the database is down...): readers get the last good copy.
            return self.serve(request, entry, stale=True)
        self.prepare_shared(request, response)
        if request.method == "GET" and fill.versions is not None and self.storable(response):
            self.store(key, response, fill)
            response[STATUS_HEADER] = "miss"
        return self.conditional(request, response)

    def cache_key(self, request):
        """The entry's key for a request that may use the shared cache, else None."""
        if request.method not in ("GET", "HEAD") or not request.path_info.startswith(self.edition_prefixes):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "authorization" in request.headers:
            return None
        try:
            url = request.build_absolute_uri()  # scheme and host: pages carry absolute links
        except Exception:  # DisallowedHost: the stack answers it
            return None
        return store.page_key(url)

    def is_fresh(self, entry):
        if time.time() - entry["stored"] > settings.PAGE_CACHE_SECONDS:
            return False
        version_keys = {scope: store.version_key(scope) for scope in entry["versions"]}
        current = store.current([*version_keys.values(), store.NEXT_DUE_KEY])
        if current is None:
            return False
        if any(current.get(key) != entry["versions"][scope] for scope, key in version_keys.items()):
            return False
        next_due = current.get(store.NEXT_DUE_KEY)
        if next_due is None or next_due[0] != current.get(store.version_key(SITE)):
            return False  # not known since the last change: the next fill works it out
        return not went_live(next_due)

    def serve(self, request, entry, *, stale=False):
        response = HttpResponse(entry["body"] if request.method != "HEAD" else b"", status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        response[STATUS_HEADER] = "stale" if stale else "hit"
        if stale:
            response["Cache-Control"] = STALE_CACHE_CONTROL
            return response
        response.page_cache_scopes = list(entry["versions"])
        return self.conditional(request, response)

    def finish(self, request, response):
        self.prepare_shared(request, response)
        return self.conditional(request, response)

    def prepare_shared(self, request, response):
        """A shared page says nothing about the reader: no cookie set, no Vary on cookies, validators."""
        if not hasattr(response, "page_cache_scopes"):
            return
        # The CSRF middleware sets a cookie for a reader whose csrftoken is malformed; the page carries no
        # token (scripts ask /reader/csrf/ for one), so it has no business renewing it.
        response.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        vary = [part.strip() for part in response.get("Vary", "").split(",") if part.strip()]
        kept = [part for part in vary if part.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif "Vary" in response:
            del response["Vary"]
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())

    def conditional(self, request, response):
        if not hasattr(response, "page_cache_scopes"):
            return response
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        etag = response.get("ETag")
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

    def storable(self, response):
        return (
            hasattr(response, "page_cache_scopes")
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )

    def store(self, key, response, fill):
        from .hooks import next_publication

        known = fill.next_due is not None and fill.next_due[0] == fill.versions[SITE]
        if known and went_live(fill.next_due):
            return  # every page of this site version is out of date now, this one too
        if not known:
            # Worked out against the site version read before the render: a schedule changed since
            # has bumped it, and this value is refused.
            store.put(store.NEXT_DUE_KEY, (fill.versions[SITE], next_publication()), store.NEXT_DUE_TTL)
        entry = {
            "versions": {scope: fill.versions[scope] for scope in response.page_cache_scopes if scope in fill.versions},
            "stored": time.time(),
            "status": response.status_code,
            "headers": list(response.items()),
            "body": response.content,
        }
        if set(entry["versions"]) == set(response.page_cache_scopes):
            store.put_page(key, entry, store.stale_seconds())
