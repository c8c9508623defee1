from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import get_language

from articles import structured_data
from articles.models import Article
from articles.viewcounts import most_read

register = template.Library()

MOST_READ_ON_HOME = 5
MOST_DISCUSSED_ON_HOME = 5
# "Most discussed" looks at the comments of the last seven days, like "this week" elsewhere.
MOST_DISCUSSED_DAYS = 7


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


@register.simple_tag
def most_read_stories(top=MOST_READ_ON_HOME):
    """The edition's most read stories (today, this week), as of the last count flush.

    A tag rather than view context so the home sidebar block is one include, in one query.
    """
    return most_read(Article.objects.published().in_edition(get_language()), top=top)


@register.simple_tag
def most_discussed_stories(top=MOST_DISCUSSED_ON_HOME):
    """The edition's stories with the most published comments this week, in one query."""
    since = timezone.now() - timedelta(days=MOST_DISCUSSED_DAYS)
    stories = Article.objects.published().in_edition(get_language()).most_discussed(since=since)
    return list(stories.select_related("section").only("title", "slug", "edition", "section__slug")[:top])
