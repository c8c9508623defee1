from django import template
from django.db.models import prefetch_related_objects
from django.utils.html import format_html_join

from articles.discovery import structured_data

register = template.Library()


@register.simple_tag
def story_relations(article):
    """Reads the story's authors and tags (a query each, once per request) where a block that shows them
    renders: a story page whose blocks come from the fragment cache reads neither."""
    prefetch_related_objects([article], "authors", "tags")
    return ""


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
