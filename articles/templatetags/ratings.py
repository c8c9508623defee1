from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import Article, Vote

register = template.Library()

TOP_RATED_ON_HOME = 5
# "This week" is the stories of the last seven days: a news reader expects this week's news
# here, not an old story that happened to collect votes lately.
TOP_RATED_DAYS = 7


@register.simple_tag
def rating_scores():
    """The scores a reader can give, lowest first (the star radios)."""
    return Vote.SCORES


@register.simple_tag
def top_rated_stories(limit=TOP_RATED_ON_HOME):
    """The edition's best rated stories of the week.

    A tag rather than view context so the home sidebar block is one include, in one query.
    """
    since = timezone.now() - timedelta(days=TOP_RATED_DAYS)
    stories = Article.objects.published().in_edition(get_language()).top_rated(since=since)
    return list(
        stories.select_related("section").only(
            "title", "slug", "edition", "section__slug", "rating_count", "rating_sum"
        )[:limit]
    )
