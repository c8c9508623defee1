"""The breaking-news banner and the developing-story links, as the page templates include them."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from newsportal.editions import edition_get

from ..breaking.services import breaking_banner_story

register = template.Library()


@register.inclusion_tag("articles/breaking/_banner.html")
def breaking_banner():
    """The banner's slot on every public page, with the edition's breaking story when there is one
    (readers without scripts see it on a fresh render; static/js/breaking.js keeps it current)."""
    edition = get_language()
    if edition_get(edition) is None:
        return {"slot": False}
    return {"slot": True, "story": breaking_banner_story(edition), "json_url": reverse("articles:breaking")}
