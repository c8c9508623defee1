"""How views declare a page the same for every reader, and what it depends on."""

from functools import wraps

from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from . import SITE, cards_scope, home_scope, store, story_scope

# Browser and shared-proxy lifetimes of each kind of page (seconds): max-age, s-maxage, stale-while-revalidate.
HTTP_LIFETIMES = {
    "listing": (60, 60, 30),
    "story": (300, 300, 60),
    "feed": (300, 300, 60),
    # A live blog's poll: a proxy may answer many readers for a few seconds; our cache holds it until an entry changes.
    "live": (5, 5, 5),
}


class Fill:
    """A request that may store its page: the versions it was rendered against, read before the view
    touched the database (so a write committed during the render makes the entry out of date)."""

    def __init__(self):
        self.versions = None
        self.next_due = None

    def prepare(self, scopes):
        found = store.read_versions(scopes, store.NEXT_DUE_KEY)
        if found is not None:
            self.versions, extra = found
            self.next_due = extra[store.NEXT_DUE_KEY]


def shared_page(kind, *, scopes=None):
    """Decorate a view whose successful GET answers are the same for every reader.

    Such answers are public for browsers and proxies (HTTP_LIFETIMES[kind]) and kept in the shared
    page cache until one of their scopes changes: "site", the edition's "cards", plus what
    `scopes(request, kwargs)` adds. An answer the view marked private (a preview) is left alone.
    """
    max_age, s_maxage, revalidate = HTTP_LIFETIMES[kind]

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            page_scopes = [SITE, cards_scope(get_language()), *(scopes(request, kwargs) if scopes else ())]
            fill = getattr(request, "_page_cache_fill", None)
            if fill is not None:
                fill.prepare(page_scopes)
            response = view(request, *args, **kwargs)
            cache_control = response.get("Cache-Control", "")
            if response.status_code == 200 and "private" not in cache_control and "no-store" not in cache_control:
                patch_cache_control(
                    response, public=True, max_age=max_age, s_maxage=s_maxage, stale_while_revalidate=revalidate
                )
                response.page_cache_scopes = page_scopes
            return response

        return wrapper

    return decorator


def story_page_scopes(request, kwargs):
    return [story_scope(kwargs["pk"])]


def home_page_scopes(request, kwargs):
    return [home_scope(get_language())]
