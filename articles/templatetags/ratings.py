from django import template

from articles.models import Ranking
from articles.rankings import home_rankings
from articles.rating_forms import RatingForm

register = template.Library()


@register.simple_tag
def rating_form(article, sent=None):
    """The star radios of a story's widget: the form as the reader sent it when refused, else an empty one."""
    return sent or RatingForm(article=article)


@register.simple_tag(takes_context=True)
def top_rated_stories(context):
    """The edition's best rated stories of the week, as of the last refresh (shown with their live totals)."""
    return home_rankings(context)[Ranking.Kind.TOP_RATED]
