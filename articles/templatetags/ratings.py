from django import template

from articles.models import Ranking, Vote
from articles.rankings import home_rankings

register = template.Library()


@register.simple_tag
def rating_scores():
    """The scores a reader can give, lowest first (the star radios)."""
    return Vote.SCORES


@register.simple_tag(takes_context=True)
def top_rated_stories(context):
    """The edition's best rated stories of the week, as of the last refresh (shown with their live totals)."""
    return home_rankings(context)[Ranking.Kind.TOP_RATED]
