import functools

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from articles.editions import default_alternates
from newsportal.editions import edition_codes

register = template.Library()


def page_alternates(context):
    """The page's `alternates` (site_chrome's default unless the view knows better)."""
    return context.get("alternates") or default_alternates()


@register.simple_tag(takes_context=True)
def edition_switch(context):
    """The edition switch (header and footer): a link to this page, or the home, in every other edition."""
    alternates = page_alternates(context)
    targets = tuple((code, alternates.url_for(code)) for code in edition_codes())
    return _edition_switch_html(get_language(), targets)


@functools.lru_cache(maxsize=512)
def _edition_switch_html(language, targets):
    """The same few inputs on every page of an edition (a story adds its translation's address): rendered
    once per process for each, instead of twice on every page."""
    editions = [
        {"code": code, "href": href, "name": get_language_info(code)["name_local"], "current": code == language}
        for code, href in targets
    ]
    html = get_template("includes/edition_switch.html").render({"editions": editions})
    return mark_safe(html)  # noqa: S308 (rendered by an autoescaping template)  # nosec B308 B703  # nosemgrep: mark-safe


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """(hreflang, absolute URL) of this page in every edition, only when it has real equivalents."""
    request = context.get("request")
    if request is None:
        return []
    return page_alternates(context).hreflang(request)
