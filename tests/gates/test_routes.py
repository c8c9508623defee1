"""Every route of the site is either in the gate list or exempt with a reason: a new page cannot skip the gates."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.gates.site import EXEMPT_ROUTES, MEDIA_ROUTE, PAGE_TYPES

pytestmark = pytest.mark.gates


def site_routes(patterns=None, namespace="", prefix=""):
    """(route key, address pattern) of every view, through includes and language prefixes.

    The key is "namespace:name" for named routes, "namespace:full pattern" for unnamed ones.
    """
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from site_routes(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            key = f"{namespace}:{entry.name or prefix + str(entry.pattern)}".strip(":")
            yield key, prefix + str(entry.pattern)


def exempt(key):
    namespace = key.split(":", 1)[0] + ":*"
    return key in EXEMPT_ROUTES or (":" in key and namespace in EXEMPT_ROUTES)


def test_every_route_is_gated_or_exempt():
    gated = {kind.route for kind in PAGE_TYPES}
    missing = [f"{key}  ({pattern})" for key, pattern in site_routes() if key not in gated and not exempt(key)]
    assert not missing, (
        "These routes are in no quality gate. Add a page for each to PAGE_TYPES in tests/gates/site.py "
        "(or, if it is not an HTML page for readers, to EXEMPT_ROUTES with the reason):\n  " + "\n  ".join(missing)
    )


def test_the_lists_name_only_real_routes():
    """A renamed route must not leave a stale entry that quietly gates nothing."""
    keys = {key for key, _pattern in site_routes()}
    namespaces = {key.split(":", 1)[0] for key in keys if ":" in key}
    listed = {kind.route for kind in PAGE_TYPES if kind.route} | set(EXEMPT_ROUTES)
    listed.discard(MEDIA_ROUTE)  # static() adds it only with DEBUG and SERVE_MEDIA on: not under pytest
    stale = [key for key in listed if key not in keys and not (key.endswith(":*") and key[:-2] in namespaces)]
    assert not stale, f"Not routes of this site: {stale}"


def test_the_walk_finds_routes_inside_includes_and_language_prefixes():
    routes = dict(site_routes())

    assert routes["articles:detail"] == "en/<slug:section>/<int:pk>-<slug:slug>/"
    assert routes["comments:post"] == "en/comments/<int:pk>/post/"
    assert any(key.startswith("admin:") for key in routes)
