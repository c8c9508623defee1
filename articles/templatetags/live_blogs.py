from django import template
from django.utils.html import format_html

from ..discovery.structured_data import json_for_script
from ..live.structured_data import live_blog_posting

register = template.Library()


@register.simple_tag(takes_context=True)
def live_json_ld(context, blog):
    """The blog's LiveBlogPosting as a JSON-LD data block (not run as a script: the CSP allows it)."""
    return format_html(
        '<script type="application/ld+json">{}</script>', json_for_script(live_blog_posting(blog, context["request"]))
    )
