"""The edition's typography on render: `{{ article.title|typeset:article.edition }}`,
`{{ article.body|typeset_html:article.edition }}` (articles/typography.py)."""

from django import template

from articles.typography import for_edition

register = template.Library()


@register.filter
def typeset(value, edition):
    """Plain text, escaped, set for the edition (Russian: quotes and non-breaking spaces)."""
    return for_edition(value, edition)


@register.filter(is_safe=True)
def typeset_html(value, edition):
    """Sanitised HTML (a story body), its text nodes set for the edition; tags untouched."""
    return for_edition(value, edition, html=True)
