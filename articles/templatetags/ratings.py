from django import template

from articles.models import Vote

register = template.Library()


@register.simple_tag
def rating_scores():
    """The scores a reader can give, lowest first (the star radios)."""
    return Vote.SCORES
