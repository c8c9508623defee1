from django import template

from articles.editions import default_alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_target(context, edition):
    """Where the edition switch leads in `edition` from this page (the page's `alternates`)."""
    return context.get("alternates", default_alternates()).url_for(edition)


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """(hreflang, absolute URL) of this page in every edition, only when it has real equivalents."""
    request = context.get("request")
    if request is None:
        return []
    return context.get("alternates", default_alternates()).hreflang(request)
