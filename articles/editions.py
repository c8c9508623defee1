"""Where the edition switch leads from each page, and which pages are the same page in both editions.

Every page gets `alternates` in its context: the switch's target in each edition (the other edition's
home unless a view knows better) and whether the targets are real equivalents. Only equivalents
(home and home, a story and its live translation) are announced to search engines with hreflang.
"""

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import get_script_prefix

from .models import edition_url


def edition_codes():
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Alternates:
    """The page's address in each edition; `equivalent` when they are the same page, translated."""

    urls: dict = field(default_factory=dict)
    equivalent: bool = False

    def url_for(self, edition):
        return self.urls.get(edition) or edition_url(edition, "articles:home")

    def hreflang(self, request):
        """(hreflang, absolute URL) pairs, x-default last; empty unless the pages are equivalents."""
        if not self.equivalent:
            return []
        links = [(code, request.build_absolute_uri(self.url_for(code))) for code in edition_codes()]
        return [*links, ("x-default", request.build_absolute_uri(self.default_url()))]

    def default_url(self):
        return self.url_for(settings.LANGUAGE_CODE)


def edition_homes():
    """The alternates of the home page, and the default of every other page."""
    return Alternates(urls=dict(_home_urls(get_script_prefix(), tuple(edition_codes()))), equivalent=True)


@functools.lru_cache(maxsize=8)
def _home_urls(script_prefix, codes):
    """Every edition's home address: reversed once per process (every page's edition switch needs them)."""
    return {code: edition_url(code, "articles:home") for code in codes}


def default_alternates():
    """A page without a counterpart: the switch leads to the other edition's home; nothing for hreflang."""
    return Alternates(urls=edition_homes().urls)


def story_alternates(article):
    """The story and its translation once that is live, else the other edition's home.

    Announced as equivalents only when both are live (a preview is no page for search engines).
    The translation comes with the page's own query (ArticleQuerySet.with_page), so this costs none.
    """
    urls = dict(default_alternates().urls)
    urls[article.edition] = article.get_absolute_url()
    translation = article.translation if article.translation_id else None
    if translation is None or not translation.is_live:
        return Alternates(urls=urls)
    urls[translation.edition] = translation.get_absolute_url()
    return Alternates(urls=urls, equivalent=bool(article.is_live))


def page_alternates(viewname, **kwargs):
    """The same address in every edition, e.g. an archive day: a sensible switch target, not a translation."""
    return Alternates(urls={code: edition_url(code, viewname, **kwargs) for code in edition_codes()})
