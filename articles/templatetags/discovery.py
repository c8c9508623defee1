from django import template
from django.utils.html import format_html_join

from articles import structured_data
from articles.models import Ranking
from articles.rankings import home_rankings

register = template.Library()


@register.simple_tag(takes_context=True)
def story_preview(context, article):
    """Canonical URL, image and times for the story's link-preview tags."""
    return structured_data.story_preview(article, context["request"])


@register.simple_tag(takes_context=True)
def story_json_ld(context, article):
    """The story's NewsArticle and BreadcrumbList as JSON-LD data blocks.

    Data blocks (type application/ld+json) are not run as scripts, so the strict CSP allows them.
    """
    request = context["request"]
    blocks = (structured_data.news_article(article, request), structured_data.breadcrumb_list(article, request))
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((structured_data.json_for_script(block),) for block in blocks),
    )


@register.simple_tag(takes_context=True)
def story_share_links(context, article):
    return structured_data.share_links(article, context["request"])


@register.simple_tag(takes_context=True)
def most_read_stories(context):
    """The edition's most read stories (today, this week), as of the last refresh: two lists."""
    lists = home_rankings(context)
    return lists[Ranking.Kind.MOST_READ_TODAY], lists[Ranking.Kind.MOST_READ_WEEK]


@register.simple_tag(takes_context=True)
def most_discussed_stories(context):
    """The edition's stories with the most published comments this week, as of the last refresh."""
    return home_rankings(context)[Ranking.Kind.MOST_DISCUSSED]
